using System.Buffers.Binary;

namespace Longhaul.Packets;

/// <summary>
/// Builds path-MTU errors for the client in place: the offending packet stays where it is and the new IP and ICMP
/// headers are written into the headroom immediately in front of it, so the quote is never copied.
/// </summary>
/// <remarks>
/// The reply comes from the VIP (the address the client sent to), goes to the client (the offending packet's
/// source), with TTL 64. The caller decides whether a reply is allowed at all (<see cref="MayReplyTo"/>) and
/// rate-limits; the offending packet is consumed, since the quote now belongs to the reply.
/// </remarks>
public static class IcmpErrorBuilder
{
    /// <summary>RFC 1812 §4.3.2.3: an ICMPv4 error should not exceed 576 bytes.</summary>
    public const int MaxIpv4ReplyLength = 576;

    /// <summary>RFC 4443 §2.4(c): an ICMPv6 error must not exceed the minimum IPv6 MTU.</summary>
    public const int MaxIpv6ReplyLength = 1280;

    public const byte ReplyTtl = 64;

    private const int Ipv4ReplyHeaderLength = Ipv4Header.MinLength + IcmpHeader.Length;
    private const int Ipv6ReplyHeaderLength = Ipv6Header.Length + Icmpv6Header.Length;

    /// <summary>Precedence "internetwork control" (CS6), the class Linux gives ICMP errors.</summary>
    private const byte ControlTrafficClass = 0xC0;

    /// <summary>
    /// Writes an ICMPv4 destination unreachable / fragmentation needed (type 3, code 4) carrying
    /// <paramref name="nextHopMtu"/> (RFC 1191) in front of the IPv4 packet at <paramref name="packetOffset"/>.
    /// </summary>
    /// <returns>The reply length (reply starts at <paramref name="replyOffset"/>), or -1 when the headroom is short,
    /// the packet is not IPv4, or <paramref name="replySource"/> is not an IPv4 address.</returns>
    public static int WriteFragmentationNeeded(
        Span<byte> buffer,
        int packetOffset,
        int packetLength,
        NetAddress replySource,
        ushort nextHopMtu,
        out int replyOffset)
    {
        replyOffset = -1;
        if (!replySource.IsIPv4 || !IsValidRange(buffer, packetOffset, packetLength, Ipv4ReplyHeaderLength, Ipv4Header.MinLength)
            || (buffer[packetOffset] >> 4) != 4)
        {
            return -1;
        }

        uint client = BinaryPrimitives.ReadUInt32BigEndian(buffer[(packetOffset + 12)..]);
        int quoted = Math.Min(packetLength, MaxIpv4ReplyLength - Ipv4ReplyHeaderLength);
        int start = packetOffset - Ipv4ReplyHeaderLength;
        int replyLength = Ipv4ReplyHeaderLength + quoted;
        Span<byte> reply = buffer.Slice(start, replyLength);

        Ipv4HeaderWriter.Write(
            reply,
            ControlTrafficClass,
            (ushort)replyLength,
            identification: 0,
            dontFragment: false,
            ReplyTtl,
            IpProtocol.Icmp,
            replySource.V4,
            client);

        Span<byte> icmp = reply[Ipv4Header.MinLength..];
        icmp[0] = IcmpHeader.TypeDestinationUnreachable;
        icmp[1] = IcmpHeader.CodeFragmentationNeeded;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], nextHopMtu);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));

        replyOffset = start;
        return replyLength;
    }

    /// <summary>
    /// Writes an ICMPv6 packet too big (type 2, code 0) carrying <paramref name="mtu"/> in front of the IPv6 packet at
    /// <paramref name="packetOffset"/>, with the checksum over the IPv6 pseudo-header.
    /// </summary>
    /// <returns>The reply length, or -1 when the headroom is short, the packet is not IPv6, or <paramref name="replySource"/> is IPv4.</returns>
    public static int WritePacketTooBig(
        Span<byte> buffer,
        int packetOffset,
        int packetLength,
        NetAddress replySource,
        uint mtu,
        out int replyOffset)
    {
        replyOffset = -1;
        if (replySource.IsIPv4 || !IsValidRange(buffer, packetOffset, packetLength, Ipv6ReplyHeaderLength, Ipv6Header.Length)
            || (buffer[packetOffset] >> 4) != 6)
        {
            return -1;
        }

        NetAddress client = NetAddress.FromV6Bytes(buffer[(packetOffset + 8)..]);
        int quoted = Math.Min(packetLength, MaxIpv6ReplyLength - Ipv6ReplyHeaderLength);
        int start = packetOffset - Ipv6ReplyHeaderLength;
        int icmpLength = Icmpv6Header.Length + quoted;
        Span<byte> reply = buffer.Slice(start, Ipv6Header.Length + icmpLength);

        Ipv6HeaderWriter.Write(reply, trafficClass: 0, flowLabel: 0, (ushort)icmpLength, IpProtocol.Icmpv6, ReplyTtl, replySource, client);

        Span<byte> icmp = reply[Ipv6Header.Length..];
        icmp[0] = Icmpv6Header.TypePacketTooBig;
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], mtu);
        uint pseudo = InternetChecksum.PseudoHeaderSumV6(replySource, client, IpProtocol.Icmpv6, icmpLength);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp, pseudo));

        replyOffset = start;
        return reply.Length;
    }

    /// <summary>
    /// RFC 1122 §3.2.2, RFC 1812 §4.3.2.7 and RFC 4443 §2.4(e): no error about an ICMP error, about a non-first
    /// fragment, or to a source that does not name one host (unspecified, multicast, limited broadcast).
    /// </summary>
    public static bool MayReplyTo(in ParsedPacket parsed)
    {
        if (parsed.Fragment == FragmentKind.Later)
        {
            return false;
        }

        NetAddress source = parsed.Flow.Source;
        if (parsed.IsIPv6)
        {
            return !(parsed.Protocol == IpProtocol.Icmpv6 && parsed.IcmpType < 128)
                && !source.IsNone
                && (source.High >> 56) != 0xFF;
        }

        uint v4 = source.V4;
        bool icmpError = parsed.Protocol == IpProtocol.Icmp && parsed.IcmpType is
            IcmpHeader.TypeDestinationUnreachable or IcmpHeader.TypeSourceQuench or IcmpHeader.TypeRedirect
            or IcmpHeader.TypeTimeExceeded or IcmpHeader.TypeParameterProblem;
        return !icmpError && v4 != 0 && v4 != 0xFFFF_FFFF && (v4 >> 28) != 0xE;
    }

    private static bool IsValidRange(Span<byte> buffer, int packetOffset, int packetLength, int headerLength, int minPacket) =>
        packetOffset >= headerLength
        && packetLength >= minPacket
        && (uint)packetOffset <= (uint)buffer.Length
        && (uint)packetLength <= (uint)(buffer.Length - packetOffset);
}
