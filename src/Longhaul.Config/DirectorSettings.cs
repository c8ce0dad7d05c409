using Longhaul.Balancing.Flows;

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

    /// <summary>The Unix socket <c>longhaul ctl</c> talks to (mode 0600: root only).</summary>
    public string AdminSocket { get; init; } = DefaultAdminSocket(Name);

    /// <summary>Optional TCP admin endpoint (<c>host:port</c>); only ever opened together with <see cref="AdminToken"/>.</summary>
    public string? AdminListen { get; init; }

    /// <summary>Bearer token every request on <see cref="AdminListen"/> must carry.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Optional Prometheus endpoint (<c>host:port</c>); nothing listens when null.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>Flow idle timeouts (ipvsadm <c>--set tcp tcpfin udp</c>, plus the SYN timeout).</summary>
    public FlowTimeouts Timeouts { get; init; } = FlowTimeouts.Default;

    /// <summary>Where runtime changes are written back; null means the configuration file itself.</summary>
    public string? StateFile { get; init; }

    /// <summary>The top-level <c>announce:</c> section: VIP routes for BGP while healthy; null announces nothing.</summary>
    public AnnounceSettings? Announce { get; init; }

    /// <summary>Where stats go when <c>stats-file</c> is not set: /run/longhaul/NAME.stats.json.</summary>
    public static string DefaultStatsFile(string name) => $"/run/longhaul/{name}.stats.json";

    /// <summary>Where the admin socket is when <c>admin-socket</c> is not set: /run/longhaul/NAME.sock.</summary>
    public static string DefaultAdminSocket(string name) => $"/run/longhaul/{name}.sock";
}
