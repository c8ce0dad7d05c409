namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// A named workload and how to build it. Workloads are built just before they are measured and dropped after,
/// so only one large flow table is alive at a time.
/// </summary>
/// <param name="Name">Short stable name, used in output, JSON and BenchmarkDotNet.</param>
/// <param name="Description">What one "packet" of this workload does.</param>
/// <param name="Baseline">Name of the workload this one is compared with in the same run, or null.</param>
public sealed record WorkloadSpec(string Name, string Description, string? Baseline, Func<PacketWorkload> Create)
{
    public bool IsBaseline { get; init; }
}
