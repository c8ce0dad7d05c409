namespace Longhaul.Packets;

/// <summary>Buffer layout shared by every stage that owns packet memory.</summary>
public static class PacketLayout
{
    /// <summary>Largest outer header: IPv6 (40) + UDP (8) + GUE (4).</summary>
    public const int MaxTunnelOverhead = Ipv6Header.Length + TunnelOverhead.UdpHeader + TunnelOverhead.GueHeader;

    /// <summary>Largest ICMP error header written in front of a quoted packet: IPv6 (40) + ICMPv6 (8).</summary>
    public const int MaxIcmpErrorHeader = Ipv6Header.Length + Icmpv6Header.Length;

    /// <summary>
    /// Bytes every packet buffer reserves in front of the received packet, so outer tunnel headers and ICMP error
    /// headers are written in place without moving the packet. 128 rather than the 52 strictly needed leaves room
    /// for a link-layer header (Ethernet + VLAN tag) when egress is AF_PACKET or AF_XDP, and keeps the IP header
    /// at a cache-line-friendly offset.
    /// </summary>
    public const int Headroom = 128;
}
