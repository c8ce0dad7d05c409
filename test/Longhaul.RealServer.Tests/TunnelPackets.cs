using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.RealServer.Tests;

/// <summary>Builds inner client packets and wraps them with the production encapsulator.</summary>
internal static class TunnelPackets
{
    /// <summary>An IPv4 or IPv6 UDP packet (family from the addresses) with a correct UDP checksum.</summary>
    public static byte[] Udp(NetAddress source, ushort sourcePort, NetAddress destination, ushort destinationPort, ReadOnlySpan<byte> data)
    {
        int ipLength = source.IsIPv4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        int udpLength = 8 + data.Length;
        byte[] packet = new byte[ipLength + udpLength];
        if (source.IsIPv4)
        {
            Ipv4HeaderWriter.Write(packet, 0, (ushort)packet.Length, 7, true, 64, IpProtocol.Udp, source.V4, destination.V4);
        }
        else
        {
            Ipv6HeaderWriter.Write(packet, 0, 0, (ushort)udpLength, IpProtocol.Udp, 64, source, destination);
        }

        Span<byte> udp = packet.AsSpan(ipLength);
        UdpHeaderWriter.Write(udp, sourcePort, destinationPort, (ushort)udpLength, 0);
        data.CopyTo(udp[8..]);
        uint pseudo = source.IsIPv4
            ? InternetChecksum.PseudoHeaderSumV4(source, destination, IpProtocol.Udp, udpLength)
            : InternetChecksum.PseudoHeaderSumV6(source, destination, IpProtocol.Udp, udpLength);
        ushort checksum = InternetChecksum.Compute(udp, pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return packet;
    }

    /// <summary>The whole outer packet (outer IP header first).</summary>
    public static byte[] Encapsulate(ReadOnlySpan<byte> inner, TunnelParameters parameters)
    {
        byte[] buffer = new byte[PacketLayout.Headroom + inner.Length];
        inner.CopyTo(buffer.AsSpan(PacketLayout.Headroom));
        int start = Encapsulation.Encapsulate(buffer, PacketLayout.Headroom, inner.Length, parameters);
        Assert.True(start >= 0, "the encapsulator refused the packet");
        return buffer[start..];
    }

    /// <summary>What a raw IPv6 socket hands over: the outer packet without its IPv6 header.</summary>
    public static byte[] Ipv6Payload(byte[] outer) => outer[Ipv6Header.Length..];

    /// <summary>What a UDP socket hands over for GUE: the payload after the outer IP and UDP headers.</summary>
    public static byte[] GuePayload(byte[] outer)
    {
        int ip = (outer[0] >> 4) == 4 ? (outer[0] & 0x0F) * 4 : Ipv6Header.Length;
        return outer[(ip + 8)..];
    }
}
