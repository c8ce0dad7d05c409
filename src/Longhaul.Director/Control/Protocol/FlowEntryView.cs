namespace Longhaul.Director.Control.Protocol;

/// <summary>One flow-table entry, as ipvsadm -Lc shows a connection.</summary>
public sealed record FlowEntryView
{
    public required string Protocol { get; init; }

    /// <summary>SYN_SENT, ESTABLISHED, CLOSING or DATAGRAM.</summary>
    public required string State { get; init; }

    /// <summary>Seconds until the entry expires if idle.</summary>
    public double Expires { get; init; }

    public required string Client { get; init; }

    public required string Virtual { get; init; }

    public required string Real { get; init; }

    public int Worker { get; init; }
}
