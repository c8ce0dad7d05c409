using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>
/// Wraps a packet in IPIP or GUE in place: the outer headers are written into the headroom immediately in front
/// of the inner packet, which is never copied.
/// </summary>
public static class Encapsulation
{
    /// <summary>
    /// Writes the outer headers in front of <c>buffer[innerOffset .. innerOffset + innerLength]</c>.
    /// </summary>
    /// <returns>
    /// The offset where the encapsulated packet now starts (its length is the inner length plus
    /// <see cref="TunnelOverhead.For"/>), or -1 when the headroom is too small, the outer addresses are of different
    /// families, the inner packet is not IPv4/IPv6, the result would exceed 65535 bytes, or kind/variant is unknown.
    /// </returns>
    /// <remarks>
    /// Outer DSCP/ECN are copied from the inner header (RFC 2983 uniform model, RFC 6040 normal-mode ECN). Outer DF
    /// copies the inner DF for IPv4 and is set for IPv6 inners, which may never be fragmented on the path, so path
    /// MTU problems surface as ICMP to the director rather than as fragments the real server must reassemble. The
    /// outer IPv4 identification reuses the inner one for IPv4 inners (unique per client flow already) and is 0
    /// otherwise (DF is set then; RFC 6864). Outer UDP checksums are 0 over IPv4 and computed over IPv6, where
    /// RFC 8200 forbids zero-checksum UDP by default.
    /// </remarks>
    public static int Encapsulate(Span<byte> buffer, int innerOffset, int innerLength, in TunnelParameters parameters) =>
        Encapsulate(buffer, innerOffset, innerLength, in parameters, parameters.SourcePort);

    /// <summary>
    /// <see cref="Encapsulate(Span{byte}, int, int, in TunnelParameters)"/> with the GUE source port given apart
    /// from the parameters, so a worker passes a real's precomputed parameters by reference and only the
    /// per-flow port varies.
    /// </summary>
    [SkipLocalsInit]
    public static int Encapsulate(Span<byte> buffer, int innerOffset, int innerLength, in TunnelParameters parameters, ushort sourcePort)
    {
        if ((uint)innerOffset > (uint)buffer.Length || (uint)innerLength > (uint)(buffer.Length - innerOffset) || innerLength == 0)
        {
            return -1;
        }

        Span<byte> inner = buffer.Slice(innerOffset, innerLength);
        byte trafficClass;
        bool dontFragment;
        ushort identification;
        IpProtocol innerProtocol;
        int innerVersion = inner[0] >> 4;
        if (innerVersion == 4 && innerLength >= Ipv4Header.MinLength)
        {
            trafficClass = inner[1];
            dontFragment = (inner[6] & 0x40) != 0;
            identification = BinaryPrimitives.ReadUInt16BigEndian(inner[4..]);
            innerProtocol = IpProtocol.IpInIp;
        }
        else if (innerVersion == 6 && innerLength >= Ipv6Header.Length)
        {
            trafficClass = (byte)((inner[0] << 4) | (inner[1] >> 4));
            dontFragment = true;
            identification = 0;
            innerProtocol = IpProtocol.Ipv6;
        }
        else
        {
            return -1;
        }

        bool outerIsV4 = parameters.OuterSource.IsIPv4;
        if (outerIsV4 != parameters.OuterDestination.IsIPv4)
        {
            return -1;
        }

        int overhead = TunnelOverhead.Compute(parameters.Kind, parameters.Variant, !outerIsV4);
        int start = innerOffset - overhead;
        if (overhead < 0 || start < 0)
        {
            return -1;
        }

        int ipHeaderLength = outerIsV4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        int outerPayloadLength = overhead - ipHeaderLength + innerLength;
        if (outerPayloadLength + (outerIsV4 ? ipHeaderLength : 0) > ushort.MaxValue)
        {
            return -1;
        }

        byte ttl = parameters.Ttl == 0 ? TunnelParameters.DefaultTtl : parameters.Ttl;
        bool isGue = parameters.Kind == TunnelKind.Gue;
        IpProtocol outerProtocol = isGue ? IpProtocol.Udp : innerProtocol;
        Span<byte> packet = buffer.Slice(start, overhead + innerLength);

        if (outerIsV4)
        {
            Ipv4HeaderWriter.Write(
                packet,
                trafficClass,
                (ushort)(overhead + innerLength),
                identification,
                dontFragment,
                ttl,
                outerProtocol,
                parameters.OuterSource.V4,
                parameters.OuterDestination.V4);
        }
        else
        {
            Ipv6HeaderWriter.Write(
                packet,
                trafficClass,
                flowLabel: 0,
                (ushort)outerPayloadLength,
                outerProtocol,
                ttl,
                parameters.OuterSource,
                parameters.OuterDestination);
        }

        if (isGue)
        {
            WriteGue(packet[ipHeaderLength..], outerPayloadLength, innerProtocol, outerIsV4, parameters, sourcePort);
        }

        return start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteGue(Span<byte> datagram, int udpLength, IpProtocol innerProtocol, bool outerIsV4, in TunnelParameters parameters, ushort entropyPort)
    {
        ushort sourcePort = (ushort)(entropyPort | 0xC000);
        ushort destinationPort = parameters.GuePort == 0 ? TunnelParameters.DefaultGuePort : parameters.GuePort;
        UdpHeaderWriter.Write(datagram, sourcePort, destinationPort, (ushort)udpLength, checksum: 0);

        if (parameters.Variant == GueVariant.V0)
        {
            // Version 0, C = 0 (data), Hlen = 0 (no optional fields), protocol, flags = 0.
            Span<byte> gue = datagram.Slice(TunnelOverhead.UdpHeader, TunnelOverhead.GueHeader);
            gue[0] = 0;
            gue[1] = (byte)innerProtocol;
            gue[2] = 0;
            gue[3] = 0;
        }

        if (!outerIsV4)
        {
            uint pseudo = InternetChecksum.PseudoHeaderSumV6(parameters.OuterSource, parameters.OuterDestination, IpProtocol.Udp, udpLength);
            ushort checksum = InternetChecksum.Compute(datagram[..udpLength], pseudo);

            // RFC 768: a computed zero is sent as all ones, since zero means "no checksum".
            BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        }
    }
}
