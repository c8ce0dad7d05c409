namespace Longhaul.Balancing.Flows;

/// <summary>
/// What the director knows of a connection from the client-to-server half alone. A director in a
/// direct-return design never sees the server's packets, so "established" means "the client sent more
/// than a SYN", as in IPVS's one-directional tunnel mode.
/// </summary>
public enum FlowState : byte
{
    Empty = 0,

    /// <summary>Only a SYN seen so far: short timeout, so a SYN flood ages out quickly.</summary>
    SynSent = 1,

    /// <summary>Data or an ACK after the SYN: the long timeout; counted as an active connection.</summary>
    Established = 2,

    /// <summary>FIN or RST seen from the client: short timeout; counted as inactive.</summary>
    Closing = 3,

    /// <summary>UDP, ICMP and other protocols: one idle timeout.</summary>
    Datagram = 4,
}
