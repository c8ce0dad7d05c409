using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>An IP address and port as written in the configuration: <c>127.0.0.1:9464</c> or <c>[::1]:9464</c> (port 0: any free port, for tests).</summary>
public readonly record struct Endpoint(NetAddress Address, ushort Port)
{
    public static bool TryParse([NotNullWhen(true)] string? text, out Endpoint endpoint)
    {
        endpoint = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        string host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        if (!ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port)
            || !NetAddress.TryParse(host, out NetAddress address) || (host.Count(c => c == '.') != 3 && !host.Contains(':', StringComparison.Ordinal)))
        {
            return false;
        }

        endpoint = new Endpoint(address, port);
        return true;
    }

    public override string ToString() => Address.IsIPv4
        ? string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"[{Address}]:{Port}");
}
