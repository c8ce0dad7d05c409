namespace Longhaul.RealServer;

/// <summary>What a receive socket hands over, which decides how the inner packet is found.</summary>
public enum IngressKind : byte
{
    /// <summary>A raw AF_INET socket (protocol 4 or 41): the whole outer IPv4 packet, header included.</summary>
    Ipv4Packet,

    /// <summary>A raw AF_INET6 socket for protocol 4: only the payload after the outer IPv6 header, an IPv4 packet.</summary>
    Ipv6PayloadIpv4Inner,

    /// <summary>A raw AF_INET6 socket for protocol 41: the payload, an IPv6 packet.</summary>
    Ipv6PayloadIpv6Inner,

    /// <summary>A UDP socket on the GUE port: the UDP payload (GUE header, then the inner packet).</summary>
    GuePayload,
}
