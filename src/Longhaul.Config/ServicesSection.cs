using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config.Yaml;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>The <c>services:</c> list: virtual services and their real servers, plus each service's <see cref="ServiceSettings"/>.</summary>
internal static class ServicesSection
{
    private static readonly string[] s_protocols = ["tcp", "udp"];
    private static readonly string[] s_encapsulations = ["ipip", "gue"];
    private static readonly string[] s_states = ["active", "draining"];
    private static readonly string[] s_schedulerFlags = ["sh-port", "sh-fallback", "mh-port", "mh-fallback"];

    /// <summary>
    /// 24 days: the flow table keeps expiry times on a 32-bit millisecond clock, exact up to 2^31 ms (24.8 days).
    /// A client that comes back after more than three weeks is a new client anyway.
    /// </summary>
    private const long MaxPersistenceSeconds = 24L * 24 * 3600;

    /// <param name="director">The director section when it was valid, for address-family checks; else null.</param>
    public static (IReadOnlyList<ServiceDefinition> Services, IReadOnlyDictionary<ServiceKey, ServiceSettings> Settings) Read(
        MappingReader top, DirectorSection? director)
    {
        var services = new List<ServiceDefinition>();
        var settings = new Dictionary<ServiceKey, ServiceSettings>();
        var seen = new Dictionary<ServiceKey, int>();
        foreach ((var node, string path) in top.Sequence("services", required: true))
        {
            MappingReader? service = MappingReader.Over(node, path, top.Errors);
            if (service is not null && ReadService(service, director, seen) is { } read)
            {
                services.Add(read.Definition);
                settings.Add(read.Definition.Key, read.Settings);
            }
        }

        return (services, settings);
    }

    private static (ServiceDefinition Definition, ServiceSettings Settings)? ReadService(
        MappingReader service, DirectorSection? director, Dictionary<ServiceKey, int> seen)
    {
        int errorsBefore = service.Errors.Count;
        string? protocol = service.Choice("protocol", s_protocols, required: true);
        NetAddress? vip = service.Address("vip", required: true);
        long? port = service.Integer("port", 0, 65535, required: true);
        string? schedulerName = service.String("scheduler");
        IReadOnlyList<(string Value, int Line)>? flags = service.StringList("scheduler-flags");
        long persistence = service.Integer("persistence-timeout", 0, MaxPersistenceSeconds) ?? 0;
        int? prefix4 = ReadNetmask(service);
        long? prefix6 = service.Integer("persistence-prefix-v6", 0, 128);
        HealthCheckSettings? check = service.Mapping("health-check") is { } checkSection ? HealthCheckSection.Read(checkSection, null) : null;
        long quorum = service.Integer("quorum", 0, 65535) ?? 1;
        NetAddress? sorry = service.Address("sorry-server");
        var reals = new List<RealDefinition>();
        var realChecks = new Dictionary<NetAddress, HealthCheckSettings>();
        var realLines = new Dictionary<NetAddress, int>();
        foreach ((var node, string path) in service.Sequence("reals", required: true))
        {
            MappingReader? real = MappingReader.Over(node, path, service.Errors);
            if (real is not null && ReadReal(real, director, realLines, (ushort?)port, check) is { } read)
            {
                reals.Add(read.Real);
                if (read.Check is not null)
                {
                    realChecks.Add(read.Real.Address, read.Check);
                }
            }
        }

        service.Finish();

        SchedulerKind scheduler = SchedulerKind.Maglev;
        if (schedulerName is not null && !SchedulerNames.TryParse(schedulerName, out scheduler))
        {
            service.Error("scheduler", $"'{schedulerName}' is not a scheduler (rr, wrr, lc, wlc, sed, nq, sh, dh, mh)");
        }

        (bool hashPort, bool fallback) = ReadFlags(service, flags, scheduler);
        if (persistence == 0 && (prefix4 is not null || prefix6 is not null))
        {
            string key = prefix4 is not null ? "persistence-netmask" : "persistence-prefix-v6";
            service.Error(key, "only applies with persistence-timeout above 0 (ipvsadm -M needs -p)");
        }

        if (sorry is { } sorryAddress && director is not null)
        {
            CheckFamily(service, "sorry-server", sorryAddress, director);
        }

        if (protocol is null || vip is null || port is null)
        {
            return null;
        }

        // Checked even when the service has other errors, so a duplicate is reported in the same run.
        var serviceKey = new ServiceKey(protocol == "tcp" ? IpProtocol.Tcp : IpProtocol.Udp, vip.Value, (ushort)port.Value);
        if (!seen.TryAdd(serviceKey, service.Line))
        {
            service.Error("vip", $"service {serviceKey} is already defined at line {seen[serviceKey]}");
            return null;
        }

        if (service.Errors.Count > errorsBefore)
        {
            return null;
        }

        PersistenceSettings? persistenceSettings = persistence > 0
            ? new PersistenceSettings(TimeSpan.FromSeconds(persistence), prefix4 ?? 32, (int)(prefix6 ?? 128))
            : null;
        var definition = new ServiceDefinition(
            serviceKey.Protocol,
            serviceKey.Vip,
            serviceKey.Port,
            reals,
            scheduler,
            persistenceSettings,
            HashSourcePort: hashPort,
            Fallback: fallback);
        var settings = new ServiceSettings(check, (int)quorum, sorry, realChecks.Count > 0 ? realChecks : null);
        return (definition, settings);
    }

    /// <summary>
    /// <c>persistence-netmask</c>: a dotted IPv4 mask (<c>255.255.255.0</c>, as ipvsadm -M) or a prefix
    /// (<c>/24</c> or <c>24</c>). Returns the prefix length.
    /// </summary>
    private static int? ReadNetmask(MappingReader service)
    {
        string? text = service.String("persistence-netmask");
        if (text is null)
        {
            return null;
        }

        string digits = text.StartsWith('/') ? text[1..] : text;
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int prefix))
        {
            if (prefix is >= 0 and <= 32)
            {
                return prefix;
            }
        }
        else if (text.Count(c => c == '.') == 3 && NetAddress.TryParse(text, out NetAddress mask) && mask.IsIPv4)
        {
            uint bits = mask.V4;
            int length = System.Numerics.BitOperations.PopCount(bits);
            uint contiguous = length == 0 ? 0 : uint.MaxValue << (32 - length);
            if (bits == contiguous)
            {
                return length;
            }

            service.Error("persistence-netmask", $"{text} is not a contiguous netmask");
            return null;
        }

        service.Error("persistence-netmask", $"'{text}' is not an IPv4 netmask (255.255.255.0) or a prefix length 0..32 (/24)");
        return null;
    }

    /// <summary>ipvsadm's -b flags: sh-* only with sh, mh-* only with mh; each maps to a definition switch.</summary>
    private static (bool HashSourcePort, bool Fallback) ReadFlags(MappingReader service, IReadOnlyList<(string Value, int Line)>? flags, SchedulerKind scheduler)
    {
        bool hashPort = false, fallback = false;
        foreach ((string value, int line) in flags ?? [])
        {
            string? flag = s_schedulerFlags.FirstOrDefault(f => string.Equals(f, value, StringComparison.OrdinalIgnoreCase));
            if (flag is null)
            {
                service.ErrorAt(line, "scheduler-flags", $"'{value}' is not one of {string.Join(", ", s_schedulerFlags)}");
                continue;
            }

            SchedulerKind wants = flag.StartsWith("sh-", StringComparison.Ordinal) ? SchedulerKind.SourceHashing : SchedulerKind.Maglev;
            if (scheduler != wants)
            {
                service.ErrorAt(line, "scheduler-flags", $"{flag} applies to the {SchedulerNames.ToName(wants)} scheduler only, not {SchedulerNames.ToName(scheduler)}");
                continue;
            }

            hashPort |= flag.EndsWith("-port", StringComparison.Ordinal);
            fallback |= flag.EndsWith("-fallback", StringComparison.Ordinal);
        }

        return (hashPort, fallback);
    }

    private static (RealDefinition Real, HealthCheckSettings? Check)? ReadReal(
        MappingReader real, DirectorSection? director, Dictionary<NetAddress, int> seen, ushort? servicePort, HealthCheckSettings? serviceCheck)
    {
        int errorsBefore = real.Errors.Count;
        NetAddress? address = real.Address("address", required: true);
        long port = real.Integer("port", 0, 65535) ?? 0;
        long weight = real.Integer("weight", 0, 65535) ?? 1;
        string dataCenter = real.String("dc") ?? string.Empty;
        string? encapsulation = real.Choice("encapsulation", s_encapsulations);
        string? state = real.Choice("state", s_states);
        HealthCheckSettings? check = real.Mapping("health-check") is { } checkSection ? HealthCheckSection.Read(checkSection, serviceCheck) : null;
        real.Finish();

        if (port != 0 && servicePort is { } expected && port != expected && expected != 0)
        {
            // LVS-Tun does not rewrite the packet: the real receives the VIP's port whatever is written here.
            real.Error("port", $"{port} must be the service port {expected} (or left out): a tunnel does not rewrite ports");
        }

        if (address is not { } value || real.Errors.Count > errorsBefore)
        {
            return null;
        }

        if (director is not null && !CheckFamily(real, "address", value, director))
        {
            return null;
        }

        if (!seen.TryAdd(value, YamlNodes.Line(real.Node)))
        {
            real.Error("address", $"{value} is already listed in this service at line {seen[value]}");
            return null;
        }

        TunnelKind? tunnel = encapsulation switch
        {
            "ipip" => TunnelKind.Ipip,
            "gue" => TunnelKind.Gue,
            _ => null,
        };
        RealState realState = state == "draining" ? RealState.Draining : RealState.Active;
        return (new RealDefinition(value, Port: (ushort)port, Weight: (int)weight, State: realState, DataCenter: dataCenter, Tunnel: tunnel), check);
    }

    private static bool CheckFamily(MappingReader reader, string key, NetAddress value, DirectorSection director)
    {
        NetAddress source = value.IsIPv4 ? director.Tunnel.SourceV4 : director.Tunnel.SourceV6;
        if (!source.IsNone)
        {
            return true;
        }

        string needed = value.IsIPv4 ? "director.tunnel-source (IPv4)" : "director.tunnel-source-v6";
        reader.Error(key, $"{value} is {(value.IsIPv4 ? "IPv4" : "IPv6")}, so the director needs {needed} to reach it");
        return false;
    }
}
