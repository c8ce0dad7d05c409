namespace Longhaul.Packets;

/// <summary>IANA protocol numbers that Longhaul handles.</summary>
public enum IpProtocol : byte
{
    HopByHop = 0,
    Icmp = 1,
    IpInIp = 4,
    Tcp = 6,
    Udp = 17,
    Ipv6 = 41,
    Ipv6Routing = 43,
    Ipv6Fragment = 44,
    Esp = 50,
    Ah = 51,
    Icmpv6 = 58,
    Ipv6NoNext = 59,
    Ipv6DestinationOptions = 60,
}
