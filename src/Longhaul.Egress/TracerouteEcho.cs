using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// An ICMP error that quotes one of our VIP-sourced traceroute probes: who sent it, what kind, and which probe
/// (its VIP, target, session port and the TTL it was sent with).
/// </summary>
public readonly record struct TracerouteEcho(
    IcmpEchoKind Kind,
    byte Type,
    byte Code,
    NetAddress Responder,
    NetAddress Vip,
    NetAddress Target,
    ushort SessionPort,
    ushort DestinationPort,
    int Hop);
