namespace Longhaul.Packets;

public enum TunnelKind : byte
{
    /// <summary>IP in IP: outer protocol 4 for an IPv4 inner packet, 41 for IPv6 (RFC 2003, RFC 2473).</summary>
    Ipip = 0,

    /// <summary>Generic UDP Encapsulation (draft-ietf-intarea-gue) over UDP, as Linux FOU/GUE receives it.</summary>
    Gue = 1,
}
