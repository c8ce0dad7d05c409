namespace Longhaul.Director.Stats;

/// <summary>
/// What the stats file holds (the contract the lab and the tests read): totals over every worker, drops by
/// reason, and per service and per real counts. Counters are since start; a reload keeps them.
/// </summary>
public sealed record DirectorStats
{
    public required string Name { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Version of the forwarding snapshot in use (1 at start, +1 per reload).</summary>
    public long ConfigVersion { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    /// <summary>Packets encapsulated toward a real (client packets and steered ICMP errors).</summary>
    public long Forwarded { get; init; }

    /// <summary>Client bytes carried to the reals (inner packets, without the tunnel header).</summary>
    public long ForwardedBytes { get; init; }

    /// <summary>ICMP "too big" errors sent back to clients.</summary>
    public long Replies { get; init; }

    /// <summary>Drop counts by <see cref="Balancing.Forwarding.DropReason"/> name; every reason is present.</summary>
    public required IReadOnlyDictionary<string, long> Drops { get; init; }

    public long FlowHits { get; init; }

    public long FlowMisses { get; init; }

    public long FlowInserts { get; init; }

    public long StatelessForwards { get; init; }

    public long Rescheduled { get; init; }

    /// <summary>Flows in the workers' tables right now.</summary>
    public long Flows { get; init; }

    public required IoStats Io { get; init; }

    public required IReadOnlyList<ServiceStats> Services { get; init; }

    public required IReadOnlyList<RealStats> Reals { get; init; }
}
