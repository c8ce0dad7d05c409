namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// The per-core targets from the foundation issue, checked on every report: an established flow in 50 ns
/// (20 Mpps per core) and a new flow in 150 ns. For scale, Katran's BPF program alone takes 101-119 ns per
/// packet (katran issue 235), without NIC or driver costs.
/// </summary>
public static class BenchGoals
{
    public const double EstablishedNanoseconds = 50;
    public const double NewFlowNanoseconds = 150;

    /// <summary>The goal for a workload, or null when it has none.</summary>
    public static double? For(string workload) => workload switch
    {
        WorkloadCatalog.Established or WorkloadCatalog.EstablishedMany => EstablishedNanoseconds,
        WorkloadCatalog.NewFlow => NewFlowNanoseconds,
        _ => null,
    };
}
