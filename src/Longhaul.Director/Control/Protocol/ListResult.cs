namespace Longhaul.Director.Control.Protocol;

/// <summary>ctl list: the running table with counters, as ipvsadm -L shows it plus what Longhaul adds.</summary>
public sealed record ListResult
{
    public required string Name { get; init; }

    public long ConfigVersion { get; init; }

    /// <summary>Flow-table slots over all workers (ipvsadm's "size=").</summary>
    public long FlowTableSize { get; init; }

    /// <summary>Seconds over which the rates were measured (0 until two samples exist).</summary>
    public double RateInterval { get; init; }

    public required IReadOnlyList<ServiceEntry> Services { get; init; }

    /// <summary>The kernel table the VIPs are announced from, or null when the director does not announce.</summary>
    public int? AnnounceTable { get; init; }

    /// <summary>Each VIP's announcement (empty until the announcer's first decision; null when it does not announce).</summary>
    public IReadOnlyList<AnnounceEntry>? Announcements { get; init; }
}
