namespace Longhaul.Balancing.Forwarding;

/// <summary>Why a packet was dropped. Every drop is counted under exactly one reason.</summary>
public enum DropReason
{
    None = 0,

    /// <summary>Shorter than its headers claim.</summary>
    Truncated,

    /// <summary>Not IPv4 or IPv6, or header/total lengths that contradict each other.</summary>
    Malformed,

    /// <summary>IPv4 header checksum wrong.</summary>
    BadChecksum,

    /// <summary>
    /// A non-first fragment: it carries no ports, so the real that got the first fragment cannot be found
    /// statelessly. Dropped and counted rather than guessed (Katran and GLB do the same); clients on paths
    /// that fragment get ICMP frag-needed for their first fragment instead and lower their packet size.
    /// </summary>
    Fragment,

    /// <summary>Destination is no configured (protocol, VIP, port).</summary>
    NotAVip,

    /// <summary>The service has no real that may take a new flow.</summary>
    NoRealAvailable,

    /// <summary>An ICMP message that is not an error about a flow to a VIP (echo, for example).</summary>
    UnsupportedIcmp,

    /// <summary>The buffer has too little headroom to prepend the tunnel header.</summary>
    NoHeadroom,

    /// <summary>
    /// Too big for the tunnel once encapsulated, and either DF is clear (the outer packet would need fragmenting,
    /// which the fast path never does) or the ICMP error could not be built.
    /// </summary>
    TooBig,

    /// <summary>A health probe whose real is not in the current snapshot (removed since the probe started): dropped so no other real answers for it.</summary>
    HealthProbeUnrouted,
}
