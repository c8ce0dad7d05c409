namespace Longhaul.Balancing.Benchmarking;

/// <summary>How long to measure each workload.</summary>
/// <param name="Duration">Measured time per workload.</param>
/// <param name="Warmup">Untimed running first, long enough for tiered compilation to reach optimised, PGO'd code.</param>
/// <param name="BatchSize">Packets per <see cref="PacketWorkload.Run"/> call; the clock is read once per batch.</param>
public sealed record RunOptions(TimeSpan Duration, TimeSpan Warmup, int BatchSize = 4096)
{
    /// <summary>Options for <paramref name="seconds"/> per workload, with a quarter of that (0.25..1 s) of warm-up.</summary>
    public static RunOptions ForSeconds(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        double warmup = Math.Clamp(seconds / 4, 0.25, 1.0);
        return new RunOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup));
    }
}
