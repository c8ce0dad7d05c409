namespace Longhaul.RealServer;

/// <summary>Why the agent did not deliver a received packet. <see cref="None"/> means it was delivered.</summary>
public enum DropReason : byte
{
    None = 0,

    /// <summary>The outer source is not an allowed director: an open decapsulator lets anyone inject traffic.</summary>
    NotAllowedSource,

    /// <summary>The inner destination is not one of our VIPs: the agent is not a general-purpose relay.</summary>
    NotAVip,

    /// <summary>Received on a tunnel socket but not a tunnel packet (e.g. UDP that is not GUE).</summary>
    NotTunnel,

    // Malformed packets, one reason each (from DecapsulationStatus and the inner-header check).
    Truncated,
    BadOuterHeader,
    BadOuterChecksum,
    Fragmented,
    BadGueHeader,
    UnsupportedInner,
    UnsupportedExtension,

    /// <summary>Longer than the receive buffer, so the kernel cut it.</summary>
    Oversize,

    /// <summary>The TUN device refused the write (the kernel said the inner packet is bad, or the link is down).</summary>
    TunWriteFailed,
}
