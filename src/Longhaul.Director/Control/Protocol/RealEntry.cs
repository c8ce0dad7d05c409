namespace Longhaul.Director.Control.Protocol;

/// <summary>One real server of a service in <see cref="ListResult"/>.</summary>
public sealed record RealEntry
{
    public required string Address { get; init; }

    public int Port { get; init; }

    /// <summary>Always "Tunnel": Longhaul forwards only by encapsulation.</summary>
    public string Forward { get; init; } = "Tunnel";

    /// <summary>ipip or gue.</summary>
    public required string Encapsulation { get; init; }

    public int Weight { get; init; }

    /// <summary>active, draining or down (administrative state).</summary>
    public required string State { get; init; }

    /// <summary>Health-check state: up, down, "-" (not checked) or "sorry" (the service's sorry server).</summary>
    public required string Health { get; init; }

    public required string DataCenter { get; init; }

    public int ActiveConn { get; init; }

    public int InActConn { get; init; }

    public long Conns { get; init; }

    public long InPkts { get; init; }

    public long InBytes { get; init; }

    public double Cps { get; init; }

    public double InPps { get; init; }

    public double InBps { get; init; }

    /// <summary>Slots this real owns in the service's Maglev table (0 when it takes no new flows).</summary>
    public int MaglevSlots { get; init; }
}
