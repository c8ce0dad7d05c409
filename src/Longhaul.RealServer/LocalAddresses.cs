using System.Text.Json;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>The host's addresses and the device each is on, from `ip -j address show`.</summary>
internal static class LocalAddresses
{
    public static IReadOnlyList<(NetAddress Address, int PrefixLength, string Device)> List(IpCommand ip, string? device = null)
    {
        string json = device is null ? ip.Run("-j", "address", "show") : ip.Run("-j", "address", "show", "dev", device);
        var result = new List<(NetAddress, int, string)>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        foreach (JsonElement link in document.RootElement.EnumerateArray())
        {
            string name = link.TryGetProperty("ifname", out JsonElement n) ? n.GetString() ?? "" : "";
            if (!link.TryGetProperty("addr_info", out JsonElement addresses))
            {
                continue;
            }

            foreach (JsonElement address in addresses.EnumerateArray())
            {
                if (address.TryGetProperty("local", out JsonElement local)
                    && NetAddress.TryParse(local.GetString(), out NetAddress parsed))
                {
                    int prefix = address.TryGetProperty("prefixlen", out JsonElement p) ? p.GetInt32() : 0;
                    result.Add((parsed, prefix, name));
                }
            }
        }

        return result;
    }

    /// <summary>"203.0.113.10/32" or "2001:db8:f::10/128": one host, as VIPs are put on lo.</summary>
    public static string HostPrefix(NetAddress address) => $"{address}/{(address.IsIPv4 ? 32 : 128)}";
}
