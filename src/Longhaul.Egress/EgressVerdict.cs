namespace Longhaul.Egress;

/// <summary>
/// The outcome for one real and VIP, in CAIDA Spoofer's vocabulary where it has a word: received (allowed), blocked,
/// rewritten, unknown (no answer).
/// </summary>
public enum EgressVerdict
{
    /// <summary>The reply from the VIP arrived with the VIP as source: the provider passes LVS-Tun replies.</summary>
    Allowed,

    /// <summary>The control reply arrived but the VIP reply did not: something on the path drops source = VIP.</summary>
    Blocked,

    /// <summary>The VIP reply arrived from another address: a NAT on the path rewrites the source, which breaks replies to clients too.</summary>
    Rewritten,

    /// <summary>Neither reply arrived: the agent is not running, not answering, or the director → real path is broken. Not a verdict on the provider.</summary>
    NoAnswer,

    /// <summary>Not probed (for example an IPv6 VIP without an IPv6 tunnel source).</summary>
    Skipped,
}
