using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>What came back for one target: the first VIP reply and the first control reply, with their round-trip times.</summary>
public sealed record ProbeObservation
{
    public int ProbesSent { get; init; }

    public TimeSpan? VipReplyAfter { get; init; }

    /// <summary>The source the VIP reply arrived from (the VIP, unless something rewrote it).</summary>
    public NetAddress VipReplySource { get; init; }

    public TimeSpan? ControlReplyAfter { get; init; }

    /// <summary>The real's own address as the kernel chose it for the control reply.</summary>
    public NetAddress ControlReplySource { get; init; }

    /// <summary>Why nothing was sent, when nothing was (the target is then skipped).</summary>
    public string? SkipReason { get; init; }
}
