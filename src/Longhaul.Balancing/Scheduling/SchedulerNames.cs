using System.Diagnostics.CodeAnalysis;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// The ipvsadm spellings of the schedulers (rr wrr lc wlc sed nq sh dh mh), so that ipvsadm and keepalived
/// configurations import unchanged. "maglev" is accepted as a friendlier alias of "mh".
/// </summary>
public static class SchedulerNames
{
    /// <summary>Case-insensitive; surrounding white space is not accepted (config parsers trim).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out SchedulerKind kind)
    {
        kind = default;
        if (name is null)
        {
            return false;
        }

        switch (name.ToUpperInvariant())
        {
            case "RR": kind = SchedulerKind.RoundRobin; return true;
            case "WRR": kind = SchedulerKind.WeightedRoundRobin; return true;
            case "LC": kind = SchedulerKind.LeastConnection; return true;
            case "WLC": kind = SchedulerKind.WeightedLeastConnection; return true;
            case "SED": kind = SchedulerKind.ShortestExpectedDelay; return true;
            case "NQ": kind = SchedulerKind.NeverQueue; return true;
            case "SH": kind = SchedulerKind.SourceHashing; return true;
            case "DH": kind = SchedulerKind.DestinationHashing; return true;
            case "MH":
            case "MAGLEV": kind = SchedulerKind.Maglev; return true;
            default: return false;
        }
    }

    /// <summary>The ipvsadm name; Maglev is written "mh" so that ipvsadm-save output round-trips.</summary>
    public static string ToName(SchedulerKind kind) => kind switch
    {
        SchedulerKind.RoundRobin => "rr",
        SchedulerKind.WeightedRoundRobin => "wrr",
        SchedulerKind.LeastConnection => "lc",
        SchedulerKind.WeightedLeastConnection => "wlc",
        SchedulerKind.ShortestExpectedDelay => "sed",
        SchedulerKind.NeverQueue => "nq",
        SchedulerKind.SourceHashing => "sh",
        SchedulerKind.DestinationHashing => "dh",
        SchedulerKind.Maglev => "mh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scheduler kind."),
    };
}
