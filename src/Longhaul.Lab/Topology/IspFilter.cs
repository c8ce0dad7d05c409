using Longhaul.Lab.Processes;
using Longhaul.Linux;

namespace Longhaul.Lab.Topology;

/// <summary>
/// A BCP38-style ISP: its router drops packets arriving from the DC's LAN whose source address the router
/// would not route back out of the LAN -- such as the reals' replies, whose source is the VIP.
/// </summary>
/// <remarks>
/// Two layers, because one alone is not enough: IPv4 strict reverse-path filtering (rp_filter=1 on the LAN
/// bridge and on "all"; the kernel applies it to forwarded packets too), and an nftables rule
/// `fib saddr . iif oif missing drop` on the LAN side, which is the same check for IPv6 (which has no
/// rp_filter sysctl) and for IPv4, with a counter the lab reports.
/// </remarks>
public static class IspFilter
{
    public const string Table = "longhaul_lab_isp";

    public static void Enable(LabDataCenter dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        NetworkNamespace.Run(dc.IspNamespace, static () =>
        {
            Sysctl.Write("net.ipv4.conf.all.rp_filter", "1");
            Sysctl.Write($"net.ipv4.conf.{LabTopology.IspLan}.rp_filter", "1");
        });
        string rules =
            $"table inet {Table} {{\n" +
            "  chain antispoof {\n" +
            "    type filter hook prerouting priority raw; policy accept;\n" +
            $"    iifname \"{LabTopology.IspLan}\" fib saddr . iif oif missing counter drop\n" +
            "  }\n" +
            "}\n";
        Nft(dc, ["-f", "-"], rules);
    }

    public static void Disable(LabDataCenter dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        NetworkNamespace.Run(dc.IspNamespace, static () =>
        {
            Sysctl.Write("net.ipv4.conf.all.rp_filter", "0");
            Sysctl.Write($"net.ipv4.conf.{LabTopology.IspLan}.rp_filter", "0");
        });
        if (IsEnabled(dc))
        {
            Nft(dc, ["delete", "table", "inet", Table], null);
        }
    }

    public static bool IsEnabled(LabDataCenter dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        string tables = Nft(dc, ["list", "tables"], null);
        return tables.Contains($"inet {Table}", StringComparison.Ordinal);
    }

    /// <summary>Packets the filter's nftables rule has dropped so far (rp_filter drops are not counted there).</summary>
    public static long DroppedPackets(LabDataCenter dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!IsEnabled(dc))
        {
            return 0;
        }

        string listing = Nft(dc, ["list", "table", "inet", Table], null);
        int at = listing.IndexOf("counter packets ", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        ReadOnlySpan<char> rest = listing.AsSpan(at + "counter packets ".Length);
        int end = rest.IndexOf(' ');
        return long.TryParse(end < 0 ? rest : rest[..end], out long packets) ? packets : 0;
    }

    private static string Nft(LabDataCenter dc, IReadOnlyList<string> arguments, string? input)
    {
        var all = new List<string> { "netns", "exec", dc.IspNamespace, "nft" };
        all.AddRange(arguments);
        return CommandRunner.Run("ip", all, input, TimeSpan.FromSeconds(10));
    }
}
