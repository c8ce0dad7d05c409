using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>An ipvsadm <c>host[:port]</c> argument: <c>a.b.c.d:80</c>, <c>[2001:db8::1]:80</c>, or names.</summary>
internal readonly record struct HostPort(HostPortKind Kind, NetAddress Address, int Port, bool HasPort)
{
    public static HostPort Parse(string text)
    {
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return Invalid;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
            if (!host.Contains(':', StringComparison.Ordinal))
            {
                return Invalid;
            }
        }
        else if (text.Count(c => c == ':') > 1)
        {
            // An unbracketed IPv6 address cannot carry a port.
            host = text;
        }
        else
        {
            int colon = text.LastIndexOf(':');
            host = colon >= 0 ? text[..colon] : text;
            port = colon >= 0 ? text[(colon + 1)..] : null;
        }

        bool isName = false;
        if (!ImportFormat.TryParseAddress(host, out NetAddress address))
        {
            if (!IsHostName(host))
            {
                return Invalid;
            }

            isName = true;
        }

        int portNumber = 0;
        if (port is not null && !ImportFormat.TryParseInt(port, 0, 65535, out portNumber))
        {
            if (port.Length == 0 || !port.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Invalid;
            }

            isName = true;
        }

        return isName
            ? new HostPort(HostPortKind.Name, default, 0, port is not null)
            : new HostPort(HostPortKind.Numeric, address, portNumber, port is not null);
    }

    private static HostPort Invalid => new(HostPortKind.Invalid, default, 0, false);

    /// <summary>Letters somewhere (so not a malformed dotted quad), and only host-name characters.</summary>
    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Any(char.IsAsciiLetter)
        && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
