using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Model;
using Longhaul.Config.Yaml;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>The <c>director:</c> section: tunnel settings for the forwarding definition plus runtime settings.</summary>
internal sealed record DirectorSection(DirectorSettings Settings, TunnelSettings Tunnel, ulong HashSeed)
{
    private static readonly string[] s_encapsulations = ["ipip", "gue"];

    /// <summary>2^24 slots: the largest table one worker can hold (1 GiB; Longhaul.Balancing's FlowTable.MaxCapacity).</summary>
    private const long MaxFlowTableSize = 1 << 24;

    /// <summary>A day: idle timeouts beyond that only keep dead flows in the table.</summary>
    private const long MaxTimeoutSeconds = 24 * 3600;

    public static DirectorSection? Read(MappingReader section)
    {
        int errorsBefore = section.Errors.Count;
        string name = section.String("name") ?? DirectorSettings.DefaultName;
        NetAddress? source4 = section.Address("tunnel-source", ipv4: true);
        NetAddress? source6 = section.Address("tunnel-source-v6", ipv4: false);
        string encapsulation = section.Choice("encapsulation", s_encapsulations) ?? "ipip";
        long guePort = section.Integer("gue-port", 1, 65535) ?? 6080;
        long mtu = section.Integer("tunnel-mtu", 1280, 65535) ?? 1500;
        ulong hashSeed = section.UnsignedInteger("hash-seed") ?? 0;
        long workers = section.Integer("workers", 1, 1024) ?? Environment.ProcessorCount;
        long flowTableSize = section.Integer("flow-table-size", 1024, MaxFlowTableSize) ?? DirectorSettings.DefaultFlowTableSize;
        long newFlows = section.Integer("new-flows-per-second", 1, 100_000_000) ?? 125_000;
        string tunDevice = section.String("tun-device") ?? DirectorSettings.DefaultTunDevice;
        string? statsFile = section.String("stats-file");
        string? adminSocket = section.String("admin-socket");
        string? adminListen = section.String("admin-listen");
        string? adminToken = section.String("admin-token");
        string? metricsListen = section.String("metrics-listen");
        string? stateFile = section.String("state-file");
        FlowTimeouts? timeouts = section.Mapping("timeouts") is { } timeoutSection ? ReadTimeouts(timeoutSection) : null;
        section.Finish();

        if (!IsValidName(name))
        {
            section.Error("name", $"'{name}' must be 1-64 letters, digits, '.', '-' or '_'");
        }

        if (!IsValidInterfaceName(tunDevice))
        {
            section.Error("tun-device", $"'{tunDevice}' is not a valid interface name (1-15 characters, no '/', ':' or spaces)");
        }

        if (statsFile is { Length: 0 })
        {
            section.Error("stats-file", "must not be empty");
        }

        CheckPath(section, "admin-socket", adminSocket);
        CheckPath(section, "state-file", stateFile);
        CheckEndpoint(section, "admin-listen", adminListen);
        CheckEndpoint(section, "metrics-listen", metricsListen);
        if (adminListen is not null && string.IsNullOrEmpty(adminToken))
        {
            // Nothing administrative may listen on the network without a token: refuse rather than open it bare.
            section.Error("admin-listen", "needs admin-token: the TCP admin endpoint is only opened with a token");
        }

        if (adminToken is not null && adminToken.Length < 16)
        {
            section.Error("admin-token", "must be at least 16 characters (use a random string, e.g. openssl rand -hex 16)");
        }

        if (source4 is null && source6 is null && !section.Has("tunnel-source") && !section.Has("tunnel-source-v6"))
        {
            section.Error("tunnel-source", "is required: the director's own routable address that encapsulated packets leave from");
        }

        if (section.Errors.Count > errorsBefore)
        {
            return null;
        }

        var settings = new DirectorSettings(
            name,
            (int)workers,
            tunDevice,
            statsFile ?? DirectorSettings.DefaultStatsFile(name),
            (int)flowTableSize,
            (int)newFlows)
        {
            AdminSocket = adminSocket ?? DirectorSettings.DefaultAdminSocket(name),
            AdminListen = adminListen,
            AdminToken = adminToken,
            MetricsListen = metricsListen,
            Timeouts = timeouts ?? FlowTimeouts.Default,
            StateFile = stateFile,
        };
        var tunnel = new TunnelSettings(
            source4 ?? NetAddress.None,
            source6 ?? NetAddress.None,
            encapsulation == "gue" ? TunnelKind.Gue : TunnelKind.Ipip,
            GuePort: (ushort)guePort,
            Mtu: (int)mtu);
        return new DirectorSection(settings, tunnel, hashSeed);
    }

    /// <summary><c>timeouts: {tcp: 900, tcp-fin: 120, tcp-syn: 30, udp: 300}</c>, in seconds; absent keys keep the defaults.</summary>
    private static FlowTimeouts ReadTimeouts(MappingReader timeouts)
    {
        FlowTimeouts defaults = FlowTimeouts.Default;
        long tcp = timeouts.Integer("tcp", 1, MaxTimeoutSeconds) ?? (long)defaults.TcpEstablished.TotalSeconds;
        long tcpFin = timeouts.Integer("tcp-fin", 1, MaxTimeoutSeconds) ?? (long)defaults.TcpClosing.TotalSeconds;
        long tcpSyn = timeouts.Integer("tcp-syn", 1, MaxTimeoutSeconds) ?? (long)defaults.TcpSyn.TotalSeconds;
        long udp = timeouts.Integer("udp", 1, MaxTimeoutSeconds) ?? (long)defaults.Udp.TotalSeconds;
        timeouts.Finish();
        return new FlowTimeouts(
            TcpSyn: TimeSpan.FromSeconds(tcpSyn),
            TcpEstablished: TimeSpan.FromSeconds(tcp),
            TcpClosing: TimeSpan.FromSeconds(tcpFin),
            Udp: TimeSpan.FromSeconds(udp));
    }

    private static void CheckPath(MappingReader section, string key, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (!path.StartsWith('/'))
        {
            section.Error(key, $"'{path}' must be an absolute path");
        }
    }

    /// <summary><c>host:port</c> with a literal IP (IPv6 in brackets): a listener binds an address, never a name.</summary>
    private static void CheckEndpoint(MappingReader section, string key, string? endpoint)
    {
        if (endpoint is not null && (!Endpoint.TryParse(endpoint, out Endpoint parsed) || parsed.Port == 0))
        {
            section.Error(key, $"'{endpoint}' is not ADDRESS:PORT (an IP address, IPv6 in brackets, and a port 1..65535)");
        }
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>The kernel's dev_valid_name, repeated here because this project must not depend on Longhaul.Linux.</summary>
    private static bool IsValidInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && name.All(c => c is > ' ' and <= '~' and not '/' and not ':');
}
