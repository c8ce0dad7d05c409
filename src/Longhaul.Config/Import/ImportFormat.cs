using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>Small text helpers the importers and the YAML writer share.</summary>
internal static class ImportFormat
{
    /// <summary><c>a.b.c.d:port</c> or <c>[v6]:port</c>, as ipvsadm -n prints them.</summary>
    public static string AddressPort(NetAddress address, int port) =>
        address.IsIPv4 ? $"{address}:{port.ToString(CultureInfo.InvariantCulture)}" : $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A canonical address only: a dotted quad (IPAddress alone also takes "10.1" and hex forms) or a colon form
    /// without a scope id, the same rule the YAML reader applies.
    /// </summary>
    public static bool TryParseAddress(string text, out NetAddress address)
    {
        address = default;
        bool looksV4 = text.Count(c => c == '.') == 3 && !text.Contains(':', StringComparison.Ordinal) && text.All(c => char.IsAsciiDigit(c) || c == '.');
        bool looksV6 = text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal);
        return (looksV4 || looksV6) && NetAddress.TryParse(text, out address);
    }

    /// <summary>A decimal integer in range; no signs, no spaces.</summary>
    public static bool TryParseInt(string text, int min, int max, out int value)
    {
        value = 0;
        return text.Length > 0
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min
            && value <= max;
    }

    /// <summary>The prefix length of a contiguous dotted IPv4 mask (255.255.255.0 → 24), or -1.</summary>
    public static int PrefixLengthOfMask(NetAddress mask)
    {
        if (!mask.IsIPv4)
        {
            return -1;
        }

        uint bits = mask.V4;
        int length = System.Numerics.BitOperations.LeadingZeroCount(~bits);
        return length == 32 || bits << length == 0 ? length : -1;
    }

    /// <summary>The dotted IPv4 mask of a prefix length (24 → 255.255.255.0).</summary>
    public static string MaskOfPrefixLength(int prefixLength)
    {
        uint bits = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
        return NetAddress.FromV4(bits).ToString();
    }

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
