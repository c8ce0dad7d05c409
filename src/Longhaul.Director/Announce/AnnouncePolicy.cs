using System.Globalization;
using Longhaul.Balancing.Model;
using Longhaul.Director.Workers;
using Longhaul.Health;
using Longhaul.Packets;

namespace Longhaul.Director.Announce;

/// <summary>
/// The rule for what a director announces, as pure functions (no I/O, no clock of their own) so it is tested
/// without root. A VIP is announced while
/// <list type="number">
/// <item>the data path works: every worker loop turned within <c>stall-after</c>, and the tunnel checks (when
/// there are any) do not all fail (<see cref="HealthView.DataPathHealthy"/> is not false); and</item>
/// <item>at least one service on that VIP is not below quorum (a service without health checks is at quorum).</item>
/// </list>
/// </summary>
/// <remarks>
/// Why "at least one service" and not "every service": several ports often share one VIP (80 and 443, or a
/// TCP and a UDP service). The route attracts all of them, so withdrawing it because one service lost its reals
/// would take down the others that still work on this director. A service below quorum is the sorry server's
/// (or nobody's) business, and the sorry server only sees traffic that still reaches this director. Only when
/// every service on the VIP is below quorum does this director stop attracting it: if other directors still
/// have quorum (their own health checks see the reals differently, e.g. one director cut off from a DC), ECMP
/// sends the clients there. When all directors are below quorum all of them withdraw and the VIP is
/// unreachable, which is the truth anyway.
/// </remarks>
public static class AnnouncePolicy
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>
    /// Why the data path does not work, or null when it does. <paramref name="heartbeats"/> holds each worker's
    /// last turn on the flow clock (<see cref="IoCounters.Heartbeat"/>), <paramref name="nowMilliseconds"/> the
    /// flow clock now; <paramref name="tunnelChecks"/> is <see cref="HealthView.DataPathHealthy"/>.
    /// </summary>
    public static string? DataPathProblem(IReadOnlyList<long> heartbeats, long nowMilliseconds, TimeSpan stallAfter, bool? tunnelChecks)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        long limit = (long)stallAfter.TotalMilliseconds;
        for (int i = 0; i < heartbeats.Count; i++)
        {
            long heartbeat = heartbeats[i];
            if (heartbeat == 0)
            {
                return string.Create(s_culture, $"data path not working: worker {i} has not started its loop");
            }

            long silent = nowMilliseconds - heartbeat;
            if (silent > limit)
            {
                return string.Create(s_culture, $"data path not working: worker {i} has not turned its loop for {silent / 1000.0:0.0} s (stall-after {stallAfter.TotalSeconds:0.###} s)");
            }
        }

        return tunnelChecks == false ? "data path not working: every tunnel health check fails" : null;
    }

    /// <summary>The heartbeats of <paramref name="workers"/>, read once each.</summary>
    public static long[] Heartbeats(IReadOnlyList<IoCounters> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var heartbeats = new long[workers.Count];
        for (int i = 0; i < heartbeats.Length; i++)
        {
            heartbeats[i] = Volatile.Read(ref workers[i].Heartbeat);
        }

        return heartbeats;
    }

    /// <summary>The decision for every VIP of <paramref name="services"/> given the current health (null: no checks).</summary>
    public static IReadOnlyList<VipDecision> Decide(string? dataPathProblem, IEnumerable<ServiceKey> services, HealthView? health) =>
        Decide(dataPathProblem, services, health is null ? static _ => false : health.IsBelowQuorum);

    /// <summary>
    /// The decision for every VIP of <paramref name="services"/>, in the order VIPs first appear.
    /// <paramref name="dataPathProblem"/> non-null withdraws every VIP with that reason.
    /// </summary>
    public static IReadOnlyList<VipDecision> Decide(string? dataPathProblem, IEnumerable<ServiceKey> services, Func<ServiceKey, bool> belowQuorum)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(belowQuorum);
        var order = new List<NetAddress>();
        var byVip = new Dictionary<NetAddress, (List<string> AtQuorum, List<string> Below)>();
        foreach (ServiceKey service in services)
        {
            if (!byVip.TryGetValue(service.Vip, out var groups))
            {
                groups = ([], []);
                byVip.Add(service.Vip, groups);
                order.Add(service.Vip);
            }

            (belowQuorum(service) ? groups.Below : groups.AtQuorum).Add(Metrics.PrometheusExporter.ServiceLabel(service));
        }

        var decisions = new List<VipDecision>(order.Count);
        foreach (NetAddress vip in order)
        {
            (List<string> atQuorum, List<string> below) = byVip[vip];
            if (dataPathProblem is not null)
            {
                decisions.Add(new VipDecision(vip, false, dataPathProblem));
            }
            else if (atQuorum.Count == 0)
            {
                decisions.Add(new VipDecision(vip, false, $"every service on the VIP is below quorum ({string.Join(", ", below)})"));
            }
            else
            {
                string reason = below.Count == 0
                    ? $"data path works, at quorum: {string.Join(", ", atQuorum)}"
                    : $"data path works, at quorum: {string.Join(", ", atQuorum)} (below quorum: {string.Join(", ", below)})";
                decisions.Add(new VipDecision(vip, true, reason));
            }
        }

        return decisions;
    }
}
