namespace Longhaul.Balancing.Benchmarking;

/// <summary>One workload's measurement.</summary>
/// <param name="Packets">Packets processed in the measured time.</param>
/// <param name="Completed">Of those, how many got the expected outcome (should equal <paramref name="Packets"/>).</param>
/// <param name="AllocatedBytes">Managed bytes the measuring thread allocated during the measured time.</param>
/// <param name="Collections">Garbage collections (any generation) during the measured time.</param>
public sealed record WorkloadResult(
    string Name,
    string Description,
    string? Baseline,
    long Packets,
    long Completed,
    TimeSpan Elapsed,
    int BytesPerPacket,
    long AllocatedBytes,
    int Collections)
{
    public double NanosecondsPerPacket => Packets == 0 ? double.NaN : Elapsed.TotalNanoseconds / Packets;

    public double PacketsPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Packets / Elapsed.TotalSeconds;

    public double GigabytesPerSecond => PacketsPerSecond * BytesPerPacket / 1e9;

    public double AllocatedBytesPerPacket => Packets == 0 ? 0 : (double)AllocatedBytes / Packets;

    /// <summary>
    /// CPU time the whole process used while measuring. Close to <see cref="Elapsed"/> when the thread had a core to
    /// itself; well below it on a loaded machine, where the wall-clock figures are inflated by waiting for a core.
    /// </summary>
    public TimeSpan ProcessCpuTime { get; init; }

    /// <summary>
    /// Process CPU time per packet: on a machine shared with other work, a better estimate of what a dedicated
    /// core would do than the wall-clock figure (it still pays for caches the other work evicted).
    /// </summary>
    public double CpuNanosecondsPerPacket => Packets == 0 ? double.NaN : ProcessCpuTime.TotalNanoseconds / Packets;

    /// <summary>Process CPU time over wall-clock time while measuring (1.0 = one full core).</summary>
    public double CpuShare => Elapsed <= TimeSpan.Zero ? 0 : ProcessCpuTime / Elapsed;

    /// <summary>This workload's time per packet divided by its baseline's (below 1: faster), when both ran.</summary>
    public double? BaselineRatio { get; init; }
}
