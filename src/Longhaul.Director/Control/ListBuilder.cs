using System.Globalization;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Director.Control.Protocol;
using Longhaul.Health;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>Builds <see cref="ListResult"/> from the snapshot, the connection counts and counter samples.</summary>
public static class ListBuilder
{
    /// <param name="current">Counters now.</param>
    /// <param name="baseline">Counters at the last ctl zero (subtracted), or null.</param>
    /// <param name="rateFrom">Older of the two rate samples, or null when rates are not known yet.</param>
    /// <param name="rateTo">Newer of the two rate samples.</param>
    public static ListResult Build(
        string name,
        ForwardingSnapshot snapshot,
        ConnectionCounts connections,
        long flowTableSize,
        CounterSample current,
        CounterSample? baseline,
        CounterSample? rateFrom,
        CounterSample? rateTo,
        long timestampFrequency,
        HealthView? health = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(current);
        double seconds = rateFrom is { Taken: true } && rateTo is { Taken: true } && rateTo.Timestamp > rateFrom.Timestamp
            ? (rateTo.Timestamp - rateFrom.Timestamp) / (double)timestampFrequency
            : 0;
        var services = new List<ServiceEntry>(snapshot.Services.Count);
        foreach (CompiledService service in snapshot.Services)
        {
            int s = service.ServiceId;
            var reals = new List<RealEntry>(service.SchedulerOrder.Length);
            MaglevTable table = service.Scheduler is MaglevScheduler maglev ? maglev.Table : service.StatelessTable;
            foreach (RealDefinition definition in service.Definition.Reals)
            {
                int index = Array.FindIndex(service.SchedulerOrder, r => r.Address == definition.Address && r.Definition.Port == definition.Port);
                if (index < 0)
                {
                    continue;
                }

                CompiledReal real = service.SchedulerOrder[index];
                int r = real.RealId;
                reals.Add(new RealEntry
                {
                    Address = real.Address.ToString(),
                    Port = definition.Port == 0 ? service.Key.Port : definition.Port,
                    Encapsulation = real.TunnelKind == TunnelKind.Gue ? "gue" : "ipip",
                    Weight = definition.Weight,
                    State = definition.State.ToString().ToLowerInvariant(),
                    Health = HealthOf(health, service.Key, definition),
                    DataCenter = definition.DataCenter,
                    ActiveConn = connections.Active(r),
                    InActConn = connections.Inactive(r),
                    Conns = Since(current.RealConnections, baseline?.RealConnections, r),
                    InPkts = Since(current.RealPackets, baseline?.RealPackets, r),
                    InBytes = Since(current.RealBytes, baseline?.RealBytes, r),
                    Cps = Rate(rateFrom?.RealConnections, rateTo?.RealConnections, r, seconds),
                    InPps = Rate(rateFrom?.RealPackets, rateTo?.RealPackets, r, seconds),
                    InBps = Rate(rateFrom?.RealBytes, rateTo?.RealBytes, r, seconds),
                    MaglevSlots = index < table.RealCount ? table.SlotCount(index) : 0,
                });
            }

            PersistenceSettings? persistence = service.Persistence;
            services.Add(new ServiceEntry
            {
                Protocol = FlowExplainer.ProtocolName(service.Key.Protocol),
                Vip = service.Key.Vip.ToString(),
                Port = service.Key.Port,
                Scheduler = SchedulerNames.ToName(service.Definition.Scheduler),
                Flags = Flags(service.Definition),
                Persistence = persistence is null ? 0 : (long)persistence.Timeout.TotalSeconds,
                Netmask = persistence is null ? null : Netmask(service.Key.Vip, persistence),
                MaglevFingerprint = table.Fingerprint.ToString("x16", CultureInfo.InvariantCulture),
                Conns = Since(current.ServiceConnections, baseline?.ServiceConnections, s),
                InPkts = Since(current.ServicePackets, baseline?.ServicePackets, s),
                InBytes = Since(current.ServiceBytes, baseline?.ServiceBytes, s),
                Cps = Rate(rateFrom?.ServiceConnections, rateTo?.ServiceConnections, s, seconds),
                InPps = Rate(rateFrom?.ServicePackets, rateTo?.ServicePackets, s, seconds),
                InBps = Rate(rateFrom?.ServiceBytes, rateTo?.ServiceBytes, s, seconds),
                Reals = reals,
            });
        }

        return new ListResult
        {
            Name = name,
            ConfigVersion = snapshot.Version,
            FlowTableSize = flowTableSize,
            RateInterval = seconds,
            Services = services,
        };
    }

    /// <summary>ipvsadm prints the flags in parentheses after the scheduler: "(sh-port,sh-fallback)".</summary>
    public static List<string> Flags(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var flags = new List<string>();
        string prefix = service.Scheduler switch
        {
            SchedulerKind.SourceHashing => "sh",
            SchedulerKind.Maglev => "mh",
            _ => string.Empty,
        };
        if (prefix.Length > 0 && service.Fallback)
        {
            flags.Add(prefix + "-fallback");
        }

        if (prefix.Length > 0 && service.HashSourcePort)
        {
            flags.Add(prefix + "-port");
        }

        return flags;
    }

    private static string? Netmask(NetAddress vip, PersistenceSettings persistence)
    {
        if (vip.IsIPv4)
        {
            int prefix = persistence.PrefixLengthV4;
            if (prefix == 32)
            {
                return null;
            }

            uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
            return NetAddress.FromV4(mask).ToString();
        }

        return persistence.PrefixLengthV6 == 128 ? null : persistence.PrefixLengthV6.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What the checks say ("up"/"down"), "sorry" for the sorry server, "-" for an unchecked real.</summary>
    private static string HealthOf(HealthView? health, ServiceKey service, RealDefinition real)
    {
        if (real.DataCenter == HealthComposer.SorryDataCenter)
        {
            return "sorry";
        }

        RealHealth? checkedReal = health?.Find(service, real.Address);
        return checkedReal is null ? "-" : checkedReal.Status == HealthStatus.Up ? "up" : "down";
    }

    private static long Since(long[] current, long[]? baseline, int id) =>
        Math.Max(0, current[id] - (baseline?[id] ?? 0));

    private static double Rate(long[]? from, long[]? to, int id, double seconds) =>
        from is null || to is null || seconds <= 0 ? 0 : Math.Max(0, to[id] - from[id]) / seconds;
}
