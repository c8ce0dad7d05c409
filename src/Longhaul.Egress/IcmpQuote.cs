using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// Recognises ICMP errors that quote a traceroute probe of ours. A probe is UDP to a port at or above 33434 whose
/// IPv4 identification (IPv6: flow label) carries <see cref="EgressDefaults.TracerouteTag"/> in its high byte and
/// the TTL it was sent with in its low byte: routers quote the IP header and at least 8 bytes of UDP (RFC 792,
/// RFC 4443), so the hop number survives even where the quoted TTL has counted down to 1.
/// </summary>
public static class IcmpQuote
{
    /// <summary>
    /// Reads an IPv4 ICMP packet as a raw IPPROTO_ICMP socket delivers it (with its IPv4 header).
    /// </summary>
    public static bool TryMatchV4(ReadOnlySpan<byte> ipPacket, out TracerouteEcho echo)
    {
        echo = default;
        if (!Ipv4Header.TryParse(ipPacket, out Ipv4Header outer) || outer.Protocol != IpProtocol.Icmp || outer.IsFragment)
        {
            return false;
        }

        ReadOnlySpan<byte> icmp = ipPacket[outer.HeaderLength..Math.Min(ipPacket.Length, outer.TotalLength)];
        if (icmp.Length < IcmpHeader.Length)
        {
            return false;
        }

        byte type = icmp[0];
        byte code = icmp[1];
        IcmpEchoKind kind;
        if (type == IcmpHeader.TypeTimeExceeded && code == 0)
        {
            kind = IcmpEchoKind.TimeExceeded;
        }
        else if (type == IcmpHeader.TypeDestinationUnreachable)
        {
            kind = code == 3 ? IcmpEchoKind.PortUnreachable : IcmpEchoKind.OtherUnreachable;
        }
        else
        {
            return false;
        }

        ReadOnlySpan<byte> quoted = icmp[IcmpHeader.Length..];
        if (quoted.Length < Ipv4Header.MinLength || quoted[0] >> 4 != 4)
        {
            return false;
        }

        int quotedHeaderLength = (quoted[0] & 0x0F) << 2;
        if (quotedHeaderLength < Ipv4Header.MinLength || quoted.Length < quotedHeaderLength + UdpHeader.Length || quoted[9] != (byte)IpProtocol.Udp)
        {
            return false;
        }

        ushort tag = BinaryPrimitives.ReadUInt16BigEndian(quoted[4..]);
        return TryFinish(kind, type, code, outer.Source, NetAddress.FromV4Bytes(quoted.Slice(12, 4)), NetAddress.FromV4Bytes(quoted.Slice(16, 4)), tag, quoted[quotedHeaderLength..], out echo);
    }

    /// <summary>
    /// Reads an ICMPv6 message as a raw IPPROTO_ICMPV6 socket delivers it (without the IPv6 header);
    /// <paramref name="responder"/> is the socket's source address.
    /// </summary>
    public static bool TryMatchV6(ReadOnlySpan<byte> icmp, NetAddress responder, out TracerouteEcho echo)
    {
        echo = default;
        if (icmp.Length < 8 + Ipv6Header.Length + UdpHeader.Length)
        {
            return false;
        }

        byte type = icmp[0];
        byte code = icmp[1];
        IcmpEchoKind kind;
        if (type == 3 && code == 0)
        {
            kind = IcmpEchoKind.TimeExceeded;
        }
        else if (type == 1)
        {
            kind = code == 4 ? IcmpEchoKind.PortUnreachable : IcmpEchoKind.OtherUnreachable;
        }
        else
        {
            return false;
        }

        ReadOnlySpan<byte> quoted = icmp[8..];
        if (quoted[0] >> 4 != 6 || quoted[6] != (byte)IpProtocol.Udp)
        {
            return false;
        }

        ushort tag = (ushort)(BinaryPrimitives.ReadUInt32BigEndian(quoted) & 0xFFFF);
        return TryFinish(kind, type, code, responder, NetAddress.FromV6Bytes(quoted.Slice(8, 16)), NetAddress.FromV6Bytes(quoted.Slice(24, 16)), tag, quoted[Ipv6Header.Length..], out echo);
    }

    /// <summary>The identification / flow-label value a probe sent with <paramref name="ttl"/> carries.</summary>
    public static ushort Tag(byte ttl) => (ushort)((EgressDefaults.TracerouteTag << 8) | ttl);

    private static bool TryFinish(IcmpEchoKind kind, byte type, byte code, NetAddress responder, NetAddress source, NetAddress target, ushort tag, ReadOnlySpan<byte> udp, out TracerouteEcho echo)
    {
        echo = default;
        ushort sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        ushort destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        int hop = tag & 0xFF;
        if (tag >> 8 != EgressDefaults.TracerouteTag || hop == 0 || destinationPort < EgressDefaults.TracerouteBasePort)
        {
            return false;
        }

        echo = new TracerouteEcho(kind, type, code, responder, source, target, sourcePort, destinationPort, hop);
        return true;
    }
}
