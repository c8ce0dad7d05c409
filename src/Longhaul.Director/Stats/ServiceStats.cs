namespace Longhaul.Director.Stats;

/// <summary>One virtual service: ipvsadm's InPkts, InBytes and Conns.</summary>
public sealed record ServiceStats
{
    /// <summary>As ipvsadm shows it: "TCP 203.0.113.10:80".</summary>
    public required string Key { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    public long Connections { get; init; }
}
