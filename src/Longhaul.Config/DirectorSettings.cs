namespace Longhaul.Config;

/// <summary>
/// The director's own runtime settings (everything in the <c>director:</c> section that is not part of the
/// forwarding definition). Unlike the services, most of these need a restart to change.
/// </summary>
/// <param name="Workers">Worker threads, one TUN queue each.</param>
/// <param name="FlowTableSize">Flow-table slots for the whole director, shared out among the workers.</param>
/// <param name="NewFlowsPerSecond">Per worker: above it new flows are forwarded statelessly (SYN-flood guard).</param>
public sealed record DirectorSettings(
    string Name,
    int Workers,
    string TunDevice,
    string StatsFile,
    int FlowTableSize,
    int NewFlowsPerSecond)
{
    public const string DefaultName = "director";
    public const string DefaultTunDevice = "lhd0";
    public const int DefaultFlowTableSize = 1 << 20;

    /// <summary>Where stats go when <c>stats-file</c> is not set: /run/longhaul/NAME.stats.json.</summary>
    public static string DefaultStatsFile(string name) => $"/run/longhaul/{name}.stats.json";
}
