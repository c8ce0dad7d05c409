namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// One thing to measure per packet, set up once and then run in batches. <see cref="Run"/> holds the whole loop,
/// so the virtual call is paid once per batch and the per-packet work is what the JIT sees inline.
/// </summary>
/// <remarks>
/// Both <c>longhaul bench</c> and the BenchmarkDotNet project drive these same classes, so the two report the
/// same work. A workload is single-threaded and owns its buffers; <see cref="Run"/> must not allocate.
/// </remarks>
public abstract class PacketWorkload
{
    /// <summary>Bytes each unit of work covers (used for GB/s); for the pipeline, the client packet's length.</summary>
    public abstract int BytesPerPacket { get; }

    /// <summary>
    /// Processes <paramref name="packets"/> packets and returns how many got the expected outcome (forwarded,
    /// parsed, summed): equal to <paramref name="packets"/> when the workload is sound. The count also keeps
    /// the JIT from discarding work whose result is otherwise unused.
    /// </summary>
    public abstract int Run(int packets);
}
