using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// Picks a real for a new flow. An instance is immutable apart from the rr/wrr cursor: it is built for one config
/// snapshot (reals, weights, availability) and replaced with the snapshot. Section 2.2 of the LVS conventions
/// reference gives the kernel rules these follow.
/// </summary>
public abstract class Scheduler
{
    /// <summary>ipvsadm and keepalived accept weights 0..65535; the bound also keeps wlc's cross products in 64 bits.</summary>
    public const int MaxWeight = 65535;

    private protected Scheduler()
    {
    }

    public abstract SchedulerKind Kind { get; }

    /// <summary>
    /// Index into the reals list the scheduler was created with, or -1 when no real may take the flow.
    /// <paramref name="flowHash"/> is the pipeline's seeded 64-bit hash of the 5-tuple; Maglev looks it up directly,
    /// sh and dh hash their own key (source or destination address) from <paramref name="flow"/>, the others ignore both.
    /// Never allocates; safe to call from several workers at once.
    /// </summary>
    public abstract int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts);

    /// <param name="reals">The service's reals in list order; copied, so later changes to the list have no effect.</param>
    /// <exception cref="ArgumentException">A weight outside 0..<see cref="MaxWeight"/>, a negative real id, or (Maglev) a bad table size or duplicate address:port.</exception>
    public static Scheduler Create(SchedulerKind kind, IReadOnlyList<SchedulerReal> reals, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchedulerReal[] list = CopyValidated(reals);
        return kind switch
        {
            SchedulerKind.RoundRobin => new RoundRobinScheduler(list),
            SchedulerKind.WeightedRoundRobin => new WeightedRoundRobinScheduler(list),
            SchedulerKind.LeastConnection => new LeastConnectionScheduler(list),
            SchedulerKind.WeightedLeastConnection => new WeightedLeastConnectionScheduler(list),
            SchedulerKind.ShortestExpectedDelay => new ShortestExpectedDelayScheduler(list),
            SchedulerKind.NeverQueue => new NeverQueueScheduler(list),
            SchedulerKind.SourceHashing => new SourceHashingScheduler(list, options),
            SchedulerKind.DestinationHashing => new DestinationHashingScheduler(list, options),
            SchedulerKind.Maglev => new MaglevScheduler(MaglevTable.Build(list, options.Seed, options.MaglevTableSize)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scheduler kind."),
        };
    }

    internal static SchedulerReal[] CopyValidated(IReadOnlyList<SchedulerReal> reals)
    {
        ArgumentNullException.ThrowIfNull(reals);
        var list = new SchedulerReal[reals.Count];
        for (int i = 0; i < list.Length; i++)
        {
            SchedulerReal real = reals[i];
            if (real.Weight is < 0 or > MaxWeight)
            {
                throw new ArgumentException($"Real {real.RealId} has weight {real.Weight}; weights are 0..{MaxWeight}.", nameof(reals));
            }

            if (real.RealId < 0)
            {
                throw new ArgumentException($"Real id {real.RealId} is negative.", nameof(reals));
            }

            list[i] = real;
        }

        return list;
    }
}
