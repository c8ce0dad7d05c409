namespace Longhaul.Egress;

/// <summary>What a probe message is; the same token ties a probe to its replies.</summary>
public enum ProbeKind : byte
{
    /// <summary>Director → agent, inside the tunnel, addressed to the VIP.</summary>
    TunnelProbe = 1,

    /// <summary>Agent → director with the VIP as source: the packet an anti-spoofing filter drops.</summary>
    VipReply = 2,

    /// <summary>Agent → director from the real server's own address: proves the agent and the path are alive.</summary>
    ControlReply = 3,

    /// <summary>`egress-check send --vip`: a real server → the listener, source = VIP.</summary>
    ManualVip = 4,

    /// <summary>`egress-check send --vip`: the unspoofed twin of <see cref="ManualVip"/>, from the real's own address.</summary>
    ManualControl = 5,
}
