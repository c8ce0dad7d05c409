namespace Longhaul.Balancing.Benchmarking;

/// <summary>How the shared workloads are sized.</summary>
/// <param name="FlowCapacity">Flow-table slots of every pipeline workload (the worker's production default).</param>
/// <param name="ManyFlows">Established flows visited round-robin in the "many flows" variants.</param>
/// <param name="PacketLength">IP length of the client packets of the pipeline and parser workloads.</param>
/// <param name="ChecksumLength">Bytes summed per checksum "packet".</param>
public sealed record BenchSettings(
    int FlowCapacity = 1 << 20,
    int ManyFlows = 100_000,
    int PacketLength = 64,
    int ChecksumLength = 1500)
{
    public static BenchSettings Default { get; } = new();

    /// <summary>Small tables, so a test can build every workload in well under a second even in Debug.</summary>
    public static BenchSettings Small { get; } = new(FlowCapacity: 1 << 13, ManyFlows: 2_000);
}
