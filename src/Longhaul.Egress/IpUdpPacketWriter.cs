using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// Writes a complete IPv4 or IPv6 + UDP packet (header, UDP checksum, payload), for raw IPPROTO_RAW sockets: the
/// only way to send with a source the kernel would not pick itself (the VIP) or with a chosen TTL and tag.
/// </summary>
public static class IpUdpPacketWriter
{
    /// <summary>The largest header room the packets need: IPv6 (40) + UDP (8).</summary>
    public const int MaxHeaderLength = Ipv6Header.Length + UdpHeader.Length;

    /// <summary>
    /// Writes the packet into <paramref name="destination"/> and returns its length, or -1 when the buffer is too
    /// small or the addresses are of different families. <paramref name="tag"/> becomes the IPv4 identification
    /// (0 lets the kernel choose) or the IPv6 flow label, which is how traceroute probes are recognised when an
    /// ICMP error quotes them.
    /// </summary>
    public static int Write(
        Span<byte> destination,
        in NetAddress source,
        ushort sourcePort,
        in NetAddress destinationAddress,
        ushort destinationPort,
        ReadOnlySpan<byte> payload,
        byte ttl = EgressDefaults.Ttl,
        ushort tag = 0)
    {
        bool v4 = source.IsIPv4;
        if (v4 != destinationAddress.IsIPv4)
        {
            return -1;
        }

        int ipLength = v4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        int udpLength = UdpHeader.Length + payload.Length;
        int total = ipLength + udpLength;
        if (total > destination.Length || total > ushort.MaxValue)
        {
            return -1;
        }

        Span<byte> packet = destination[..total];
        uint pseudo;
        if (v4)
        {
            Ipv4HeaderWriter.Write(packet, 0, (ushort)total, tag, dontFragment: true, ttl, IpProtocol.Udp, source.V4, destinationAddress.V4);
            pseudo = InternetChecksum.PseudoHeaderSumV4(source, destinationAddress, IpProtocol.Udp, udpLength);
        }
        else
        {
            Ipv6HeaderWriter.Write(packet, 0, tag, (ushort)udpLength, IpProtocol.Udp, ttl, source, destinationAddress);
            pseudo = InternetChecksum.PseudoHeaderSumV6(source, destinationAddress, IpProtocol.Udp, udpLength);
        }

        Span<byte> datagram = packet[ipLength..];
        UdpHeaderWriter.Write(datagram, sourcePort, destinationPort, (ushort)udpLength, checksum: 0);
        payload.CopyTo(datagram[UdpHeader.Length..]);
        ushort checksum = InternetChecksum.Compute(datagram, pseudo);

        // RFC 768: a computed zero goes out as all ones, since zero means "no checksum".
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return total;
    }
}
