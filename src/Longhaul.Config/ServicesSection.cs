using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config.Yaml;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>The <c>services:</c> list: virtual services and their real servers.</summary>
internal static class ServicesSection
{
    private static readonly string[] s_protocols = ["tcp", "udp"];

    /// <summary>Longest persistence IPVS could express in its millisecond-based kernel timers: a year is plenty.</summary>
    private const long MaxPersistenceSeconds = 365L * 24 * 3600;

    /// <param name="director">The director section when it was valid, for address-family checks; else null.</param>
    public static IReadOnlyList<ServiceDefinition> Read(MappingReader top, DirectorSection? director)
    {
        var services = new List<ServiceDefinition>();
        var seen = new Dictionary<ServiceKey, int>();
        foreach ((var node, string path) in top.Sequence("services", required: true))
        {
            MappingReader? service = MappingReader.Over(node, path, top.Errors);
            if (service is not null && ReadService(service, director, seen) is { } definition)
            {
                services.Add(definition);
            }
        }

        return services;
    }

    private static ServiceDefinition? ReadService(MappingReader service, DirectorSection? director, Dictionary<ServiceKey, int> seen)
    {
        int errorsBefore = service.Errors.Count;
        string? protocol = service.Choice("protocol", s_protocols, required: true);
        NetAddress? vip = service.Address("vip", required: true);
        long? port = service.Integer("port", 0, 65535, required: true);
        string? schedulerName = service.String("scheduler");
        long persistence = service.Integer("persistence-timeout", 0, MaxPersistenceSeconds) ?? 0;
        var reals = new List<RealDefinition>();
        var realLines = new Dictionary<NetAddress, int>();
        foreach ((var node, string path) in service.Sequence("reals", required: true))
        {
            MappingReader? real = MappingReader.Over(node, path, service.Errors);
            if (real is not null && ReadReal(real, director, realLines) is { } realDefinition)
            {
                reals.Add(realDefinition);
            }
        }

        service.Finish();

        SchedulerKind scheduler = SchedulerKind.Maglev;
        if (schedulerName is not null && !SchedulerNames.TryParse(schedulerName, out scheduler))
        {
            service.Error("scheduler", $"'{schedulerName}' is not a scheduler (rr, wrr, lc, wlc, sed, nq, sh, dh, mh)");
        }

        if (protocol is null || vip is null || port is null)
        {
            return null;
        }

        // Checked even when the service has other errors, so a duplicate is reported in the same run.
        var key = new ServiceKey(protocol == "tcp" ? IpProtocol.Tcp : IpProtocol.Udp, vip.Value, (ushort)port.Value);
        if (!seen.TryAdd(key, service.Line))
        {
            service.Error("vip", $"service {key} is already defined at line {seen[key]}");
            return null;
        }

        if (service.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new ServiceDefinition(
            key.Protocol,
            key.Vip,
            key.Port,
            reals,
            scheduler,
            persistence > 0 ? new PersistenceSettings(TimeSpan.FromSeconds(persistence)) : null);
    }

    private static RealDefinition? ReadReal(MappingReader real, DirectorSection? director, Dictionary<NetAddress, int> seen)
    {
        int errorsBefore = real.Errors.Count;
        NetAddress? address = real.Address("address", required: true);
        long weight = real.Integer("weight", 0, 65535) ?? 1;
        string dataCenter = real.String("dc") ?? string.Empty;
        real.Finish();

        if (address is not { } value || real.Errors.Count > errorsBefore)
        {
            return null;
        }

        if (director is not null)
        {
            NetAddress source = value.IsIPv4 ? director.Tunnel.SourceV4 : director.Tunnel.SourceV6;
            if (source.IsNone)
            {
                string needed = value.IsIPv4 ? "director.tunnel-source (IPv4)" : "director.tunnel-source-v6";
                real.Error("address", $"{value} is {(value.IsIPv4 ? "IPv4" : "IPv6")}, so the director needs {needed} to reach it");
                return null;
            }
        }

        if (!seen.TryAdd(value, YamlNodes.Line(real.Node)))
        {
            real.Error("address", $"{value} is already listed in this service at line {seen[value]}");
            return null;
        }

        return new RealDefinition(value, Weight: (int)weight, DataCenter: dataCenter);
    }
}
