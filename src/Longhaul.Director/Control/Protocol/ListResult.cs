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
}
