using Longhaul.Balancing.Scheduling;

namespace Longhaul.Config.Import;

/// <summary>Scheduler names as ipvsadm and keepalived spell them, resolved to the ones Longhaul has.</summary>
internal static class ImportedScheduler
{
    /// <summary>IPVS schedulers Longhaul does not implement (ipvsadm 1.31's list plus the newer twos).</summary>
    private static readonly HashSet<string> s_other = ["lblc", "lblcr", "fo", "ovf", "twos"];

    public const string Fallback = "wlc";

    public const string Choices = "rr, wrr, lc, wlc, sed, nq, sh, dh, mh";

    /// <summary>The Longhaul name, or null: <paramref name="isIpvs"/> tells an IPVS scheduler Longhaul lacks from a misspelling.</summary>
    public static string? Resolve(string name, out bool isIpvs)
    {
        string lower = name.ToLowerInvariant();
        isIpvs = s_other.Contains(lower);
        return SchedulerNames.TryParse(lower, out SchedulerKind kind) ? SchedulerNames.ToName(kind) : null;
    }

    /// <summary>
    /// The kernel has three scheduler flag bits, named per scheduler (SCHED1 = sh-fallback = mh-fallback = flag-1,
    /// SCHED2 = sh-port = mh-port = flag-2). Returns false for a name that is no flag.
    /// </summary>
    public static bool TryReadFlag(string flag, ref bool fallback, ref bool port, out bool isFlag3)
    {
        isFlag3 = false;
        switch (flag)
        {
            case "sh-fallback" or "mh-fallback" or "flag-1":
                fallback = true;
                return true;
            case "sh-port" or "mh-port" or "flag-2":
                port = true;
                return true;
            case "flag-3":
                isFlag3 = true;
                return true;
            default:
                return false;
        }
    }
}
