using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Balancing.Simulation;

/// <summary>
/// Writes well-formed client packets (IPv4 or IPv6 by the addresses' family, TCP or UDP, checksums correct) for
/// the demo, <c>longhaul bench</c> and tests. Allocation-free so benchmarks can rebuild packets in a loop.
/// </summary>
public static class SyntheticPackets
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;

    private const int TcpHeaderLength = 20;
    private const int UdpHeaderLength = 8;

    /// <summary>Writes a TCP segment with <paramref name="payloadLength"/> zero bytes of data; returns the packet length.</summary>
    public static int WriteTcp(
        Span<byte> destination,
        NetAddress source,
        NetAddress target,
        ushort sourcePort,
        ushort targetPort,
        byte flags,
        int payloadLength = 0,
        bool dontFragment = true)
    {
        int l4Length = TcpHeaderLength + payloadLength;
        int offset = WriteIp(destination, source, target, IpProtocol.Tcp, l4Length, dontFragment);
        Span<byte> tcp = destination.Slice(offset, l4Length);
        tcp.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], targetPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], 1000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & Ack) != 0 ? 2000u : 0u);
        tcp[12] = TcpHeaderLength / 4 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        WriteTransportChecksum(tcp, 16, source, target, IpProtocol.Tcp);
        return offset + l4Length;
    }

    /// <summary>Writes a UDP datagram with <paramref name="payloadLength"/> zero bytes; returns the packet length.</summary>
    public static int WriteUdp(
        Span<byte> destination,
        NetAddress source,
        NetAddress target,
        ushort sourcePort,
        ushort targetPort,
        int payloadLength = 0)
    {
        int l4Length = UdpHeaderLength + payloadLength;
        int offset = WriteIp(destination, source, target, IpProtocol.Udp, l4Length, dontFragment: false);
        Span<byte> udp = destination.Slice(offset, l4Length);
        udp.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], targetPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)l4Length);
        WriteTransportChecksum(udp, 6, source, target, IpProtocol.Udp);
        return offset + l4Length;
    }

    private static int WriteIp(Span<byte> destination, NetAddress source, NetAddress target, IpProtocol protocol, int l4Length, bool dontFragment)
    {
        if (source.IsIPv4)
        {
            Ipv4HeaderWriter.Write(destination, 0, (ushort)(Ipv4Header.MinLength + l4Length), 1, dontFragment, 64, protocol, source.V4, target.V4);
            return Ipv4Header.MinLength;
        }

        Ipv6HeaderWriter.Write(destination, 0, 0, (ushort)l4Length, protocol, 64, source, target);
        return Ipv6Header.Length;
    }

    private static void WriteTransportChecksum(Span<byte> segment, int checksumOffset, NetAddress source, NetAddress target, IpProtocol protocol)
    {
        uint pseudo = source.IsIPv4
            ? InternetChecksum.PseudoHeaderSumV4(source, target, protocol, segment.Length)
            : InternetChecksum.PseudoHeaderSumV6(source, target, protocol, segment.Length);
        ushort checksum = InternetChecksum.Compute(segment, pseudo);
        if (protocol == IpProtocol.Udp && checksum == 0)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(segment[checksumOffset..], checksum);
    }
}
