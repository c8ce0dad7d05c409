namespace Longhaul.Balancing.Scheduling;

/// <summary>The IPVS scheduler set plus weighted Maglev (ipvsadm names in <see cref="SchedulerNames"/>).</summary>
public enum SchedulerKind
{
    RoundRobin,
    WeightedRoundRobin,
    LeastConnection,
    WeightedLeastConnection,
    ShortestExpectedDelay,
    NeverQueue,
    SourceHashing,
    DestinationHashing,
    Maglev,
}
