using System.Globalization;

namespace Longhaul.Egress;

/// <summary>Turns what came back into a verdict and a sentence an operator can forward to the provider.</summary>
public static class EgressVerdicts
{
    public static EgressResult Decide(EgressTarget target, ProbeObservation observation, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(observation);

        if (observation.SkipReason is { } reason)
        {
            return new EgressResult(target, EgressVerdict.Skipped, null, $"not probed: {reason}", observation);
        }

        string control = observation.ControlReplyAfter is { } controlAfter
            ? $"control reply from {observation.ControlReplySource} after {Milliseconds(controlAfter)}"
            : $"no control reply within {Seconds(timeout)}";

        if (observation.VipReplyAfter is { } vipAfter)
        {
            if (observation.VipReplySource != target.Vip)
            {
                return new EgressResult(
                    target,
                    EgressVerdict.Rewritten,
                    vipAfter,
                    $"the reply sent from VIP {target.Vip} arrived from {observation.VipReplySource} after {Milliseconds(vipAfter)}: " +
                    $"a NAT on the path rewrites the source, so clients would get replies from the wrong address; {control}",
                    observation);
            }

            return new EgressResult(
                target,
                EgressVerdict.Allowed,
                vipAfter,
                $"reply from VIP {target.Vip} after {Milliseconds(vipAfter)}; {control}",
                observation);
        }

        if (observation.ControlReplyAfter is not null)
        {
            return new EgressResult(
                target,
                EgressVerdict.Blocked,
                null,
                $"{control}; no reply from VIP {target.Vip} within {Seconds(timeout)}",
                observation);
        }

        return new EgressResult(
            target,
            EgressVerdict.NoAnswer,
            null,
            $"no reply at all within {Seconds(timeout)} to {observation.ProbesSent} probe(s): the agent is not running, is too old " +
            "to answer probes, does not allow this director, or the director -> real path is broken (this says nothing about the provider)",
            observation);
    }

    /// <summary>
    /// Exit status for scripts: 1 when any target is blocked or rewritten (replies to clients would be lost),
    /// 3 when none is but some did not answer (inconclusive), 0 otherwise.
    /// </summary>
    public static int ExitCode(IReadOnlyList<EgressResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        bool noAnswer = false;
        foreach (EgressResult result in results)
        {
            if (result.Verdict is EgressVerdict.Blocked or EgressVerdict.Rewritten)
            {
                return 1;
            }

            noAnswer |= result.Verdict == EgressVerdict.NoAnswer;
        }

        return noAnswer ? 3 : 0;
    }

    /// <summary>lower-case, for text and JSON.</summary>
    public static string Name(EgressVerdict verdict) => verdict switch
    {
        EgressVerdict.Allowed => "allowed",
        EgressVerdict.Blocked => "blocked",
        EgressVerdict.Rewritten => "rewritten",
        EgressVerdict.NoAnswer => "agent not answering",
        EgressVerdict.Skipped => "skipped",
        _ => verdict.ToString(),
    };

    internal static string Milliseconds(TimeSpan time) => $"{time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";

    internal static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
