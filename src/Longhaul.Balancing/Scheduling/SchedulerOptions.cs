namespace Longhaul.Balancing.Scheduling;

/// <summary>Scheduler settings that every director of a cluster must share to pick the same reals.</summary>
/// <param name="Seed">Seeds the Maglev permutations and the sh/dh key hash. 0 keeps sh and dh bucket-compatible with the kernel.</param>
/// <param name="MaglevTableSize">Prime M, ideally at least 100 times the number of reals (Maglev paper, Cilium, Katran).</param>
/// <param name="HashSourcePort">sh-port: sh keys on source address and source port. Maglev always keys on the pipeline's 5-tuple hash.</param>
/// <param name="Fallback">sh-fallback: when a source's bucket holds an unusable real, probe the other buckets in a fixed order.</param>
public sealed record SchedulerOptions(
    ulong Seed = 0,
    int MaglevTableSize = MaglevTable.DefaultSize,
    bool HashSourcePort = false,
    bool Fallback = false);
