using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>A tunnel probe as the agent read it after decapsulation: who asked, for which VIP and real, and the token.</summary>
public readonly record struct ProbeRequest(
    NetAddress Director,
    ushort DirectorPort,
    NetAddress Vip,
    ushort ProbePort,
    UInt128 Token,
    byte Attempt,
    NetAddress Real);
