using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>What the listener saw from one `send --vip` run (one token): its VIP probes and its controls.</summary>
public sealed record ManualSenderResult(UInt128 Token, NetAddress Real, NetAddress Vip, int VipProbes, NetAddress VipProbeSource, int Controls)
{
    public EgressVerdict Verdict => VipProbes > 0
        ? (VipProbeSource == Vip ? EgressVerdict.Allowed : EgressVerdict.Rewritten)
        : Controls > 0 ? EgressVerdict.Blocked : EgressVerdict.NoAnswer;

    public string Describe() => Verdict switch
    {
        EgressVerdict.Allowed => $"real {Real}: {VipProbes} probe(s) from VIP {Vip} received -> its provider passes source = VIP (allowed)",
        EgressVerdict.Rewritten => $"real {Real}: probes sent from VIP {Vip} arrived from {VipProbeSource} -> a NAT rewrites the source (rewritten)",
        EgressVerdict.Blocked => $"real {Real}: {Controls} control(s) from its own address received but no probe from VIP {Vip} -> its provider drops source = VIP (blocked); ask for an exception for the VIP prefix",
        _ => $"real {Real}: nothing received",
    };
}
