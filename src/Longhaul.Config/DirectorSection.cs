using Longhaul.Balancing.Model;
using Longhaul.Config.Yaml;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>The <c>director:</c> section: tunnel settings for the forwarding definition plus runtime settings.</summary>
internal sealed record DirectorSection(DirectorSettings Settings, TunnelSettings Tunnel, ulong HashSeed)
{
    private static readonly string[] s_encapsulations = ["ipip", "gue"];

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
        long flowTableSize = section.Integer("flow-table-size", 1024, 1 << 28) ?? DirectorSettings.DefaultFlowTableSize;
        long newFlows = section.Integer("new-flows-per-second", 1, 100_000_000) ?? 125_000;
        string tunDevice = section.String("tun-device") ?? DirectorSettings.DefaultTunDevice;
        string? statsFile = section.String("stats-file");
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
            (int)newFlows);
        var tunnel = new TunnelSettings(
            source4 ?? NetAddress.None,
            source6 ?? NetAddress.None,
            encapsulation == "gue" ? TunnelKind.Gue : TunnelKind.Ipip,
            GuePort: (ushort)guePort,
            Mtu: (int)mtu);
        return new DirectorSection(settings, tunnel, hashSeed);
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>The kernel's dev_valid_name, repeated here because this project must not depend on Longhaul.Linux.</summary>
    private static bool IsValidInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && name.All(c => c is > ' ' and <= '~' and not '/' and not ':');
}
