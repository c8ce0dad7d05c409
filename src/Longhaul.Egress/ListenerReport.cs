namespace Longhaul.Egress;

/// <summary>Everything a listener run saw, with the verdict for scripts.</summary>
public sealed record ListenerReport(IReadOnlyList<ManualSenderResult> Senders, IReadOnlyList<TracerouteSession> Sessions, bool IcmpWatched)
{
    /// <summary>1 when some real is blocked, 0 when something from a VIP arrived, 3 when nothing did.</summary>
    public int ExitCode =>
        Senders.Any(s => s.Verdict is EgressVerdict.Blocked or EgressVerdict.Rewritten) ? 1
        : Senders.Any(s => s.Verdict == EgressVerdict.Allowed) || Sessions.Count > 0 ? 0
        : 3;

    public void WriteSummary(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (ManualSenderResult sender in Senders)
        {
            writer.WriteLine($"verdict: {sender.Describe()}");
        }

        foreach (TracerouteSession session in Sessions)
        {
            writer.WriteLine($"verdict: {session.Describe()}");
        }

        if (Senders.Count == 0 && Sessions.Count == 0)
        {
            writer.WriteLine(
                "verdict: nothing from a VIP arrived. Either the real's provider drops packets with the VIP as source (ask it to permit " +
                "the VIP prefix from that server's port), or nothing was sent, or it did not reach this host" +
                (IcmpWatched
                    ? " (ICMP errors are addressed to the VIP: this host must deliver the VIP locally, e.g. a director that is not forwarding it into its TUN device)."
                    : "."));
        }
    }
}
