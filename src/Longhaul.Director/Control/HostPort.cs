using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>ipvsadm's address syntax: <c>host[:port]</c>, IPv6 in brackets (<c>[2001:db8::10]:80</c>); a bare IPv6 address has no port.</summary>
public static class HostPort
{
    public static bool TryParse([NotNullWhen(true)] string? text, out NetAddress address, out ushort port)
    {
        address = default;
        port = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string host = text;
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is not null && !ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        bool looksV4 = host.Count(c => c == '.') == 3 && !host.Contains(':', StringComparison.Ordinal);
        bool looksV6 = host.Contains(':', StringComparison.Ordinal) && !host.Contains('%', StringComparison.Ordinal);
        return (looksV4 || looksV6) && NetAddress.TryParse(host, out address);
    }

    public static string Format(NetAddress address, int port) => address.IsIPv4
        ? string.Create(CultureInfo.InvariantCulture, $"{address}:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}");
}
