using System.Globalization;
using System.Text;
using Longhaul.Balancing.Model;
using Longhaul.Lab.Topology;
using Longhaul.Packets;

namespace Longhaul.Lab;

/// <summary>Writes a director's YAML config in the format of the issue-3 contract (kebab-case keys).</summary>
public static class DirectorConfigWriter
{
    /// <param name="reals">The reals to configure (default: every real of the lab); tests add one while traffic flows.</param>
    public static string Render(LabTopology topology, LabDirector director, LabPaths paths, TunnelKind encapsulation, IReadOnlyCollection<LabReal>? reals = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(director);
        ArgumentNullException.ThrowIfNull(paths);
        LabOptions options = topology.Options;
        var yaml = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        yaml.AppendLine("# Written by `longhaul lab up`; rewritten on every start of the lab's director.");
        yaml.AppendLine("director:");
        yaml.AppendLine(c, $"  name: {director.Name}");
        yaml.AppendLine(c, $"  tunnel-source: {director.AddressV4}");
        if (options.Ipv6)
        {
            yaml.AppendLine(c, $"  tunnel-source-v6: {director.AddressV6}");
        }

        yaml.AppendLine(c, $"  encapsulation: {(encapsulation == TunnelKind.Gue ? "gue" : "ipip")}");
        yaml.AppendLine(c, $"  gue-port: {options.GuePort}");
        yaml.AppendLine(c, $"  tunnel-mtu: {options.TunnelMtu}");
        yaml.AppendLine(c, $"  hash-seed: {options.HashSeed}");
        yaml.AppendLine("  workers: 2");
        yaml.AppendLine("  flow-table-size: 65536");
        yaml.AppendLine("  new-flows-per-second: 125000");
        yaml.AppendLine("  tun-device: lhd0");
        yaml.AppendLine(c, $"  stats-file: {director.StatsFile(paths)}");
        if (options.UsesBgp)
        {
            // The director announces its VIPs itself; BIRD in its namespace exports this table over BGP.
            yaml.AppendLine(c, $"announce: {{table: {LabTopology.AnnounceTable}}}");
        }

        yaml.AppendLine("services:");
        foreach (ServiceDefinition service in topology.ToBalancerDefinition(reals).Services)
        {
            yaml.AppendLine("  - protocol: tcp");
            yaml.AppendLine(c, $"    vip: {service.Vip}");
            yaml.AppendLine(c, $"    port: {service.Port}");
            yaml.AppendLine(c, $"    scheduler: {options.Scheduler}");
            yaml.AppendLine("    persistence-timeout: 0");
            options.HealthCheck?.AppendYaml(yaml);
            yaml.AppendLine("    reals:");
            foreach (RealDefinition real in service.Reals)
            {
                yaml.AppendLine(c, $"      - address: {real.Address}");
                yaml.AppendLine(c, $"        weight: {real.Weight}");
                yaml.AppendLine(c, $"        dc: {real.DataCenter}");
            }
        }

        return yaml.ToString();
    }
}
