using System.Globalization;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Director.Runtime;

/// <summary>
/// The compiled configuration in ipvsadm's familiar <c>-L -n</c> layout, for <c>director run --dry-run</c> and
/// the startup log: what the director will forward, and to whom.
/// </summary>
public static class DirectorDescription
{
    public static void Write(DirectorConfig config, ForwardingSnapshot snapshot, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        DirectorSettings d = config.Director;
        TunnelSettings t = config.Balancer.Tunnel;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"director {d.Name}: {d.Workers} worker(s), TUN device {d.TunDevice}, stats {d.StatsFile}"));
        output.WriteLine(string.Create(c, $"tunnel {Kind(t)} from {Source(t.SourceV4)} / {Source(t.SourceV6)}, MTU {t.Mtu}, hash seed {config.Balancer.HashSeed}"));
        output.WriteLine(string.Create(c, $"flow table {d.FlowTableSize} slots, new flows {d.NewFlowsPerSecond}/s per worker"));
        output.WriteLine(string.Create(c, $"{snapshot.Services.Count} service(s), {Count(snapshot)} real(s)"));
        output.WriteLine("Prot LocalAddress:Port Scheduler Flags");
        output.WriteLine("  -> RemoteAddress:Port           Forward Weight DC");
        foreach (CompiledService service in snapshot.Services)
        {
            string persistence = service.Persistence is { } p
                ? string.Create(c, $" persistent {(long)p.Timeout.TotalSeconds}")
                : string.Empty;
            string key = service.Key.ToString();
            int space = key.IndexOf(' ', StringComparison.Ordinal);
            output.WriteLine(string.Create(c, $"{key[..space],-4} {key[(space + 1)..]} {SchedulerNames.ToName(service.Definition.Scheduler)}{persistence}"));
            foreach (RealDefinition real in service.Definition.Reals)
            {
                string address = real.Address.IsIPv4 ? $"{real.Address}:{real.Port}" : $"[{real.Address}]:{real.Port}";
                output.WriteLine(string.Create(c, $"  -> {address,-28} Tunnel  {real.Weight,-6} {real.DataCenter}"));
            }
        }
    }

    private static int Count(ForwardingSnapshot snapshot)
    {
        int reals = 0;
        foreach (CompiledService service in snapshot.Services)
        {
            reals += service.SchedulerOrder.Length;
        }

        return reals;
    }

    private static string Kind(TunnelSettings tunnel) =>
        tunnel.Kind == TunnelKind.Gue ? string.Create(CultureInfo.InvariantCulture, $"gue (port {tunnel.GuePort})") : "ipip";

    private static string Source(NetAddress address) => address.IsNone ? "(none)" : address.ToString();
}
