using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

/// <summary>Minimal packet builders for the tests (the real ones live in Longhaul.Packets).</summary>
internal static class TestPackets
{
    public static byte[] Ipv4(NetAddress source, NetAddress destination, IpProtocol protocol, ReadOnlySpan<byte> payload, ushort id = 0x1234)
    {
        byte[] packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 0x4000); // DF
        packet[8] = 64;
        packet[9] = (byte)protocol;
        source.WriteV4(packet.AsSpan(12));
        destination.WriteV4(packet.AsSpan(16));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20)));
        payload.CopyTo(packet.AsSpan(20));
        return packet;
    }

    /// <summary>IPv4 + UDP with checksum 0 (allowed for IPv4: "no checksum").</summary>
    public static byte[] Ipv4Udp(NetAddress source, ushort sourcePort, NetAddress destination, ushort destinationPort, ReadOnlySpan<byte> data)
    {
        byte[] udp = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        data.CopyTo(udp.AsSpan(8));
        return Ipv4(source, destination, IpProtocol.Udp, udp);
    }

    public static byte[] Ipv6(NetAddress source, NetAddress destination, IpProtocol nextHeader, ReadOnlySpan<byte> payload)
    {
        byte[] packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = (byte)nextHeader;
        packet[7] = 64;
        source.WriteV6(packet.AsSpan(8));
        destination.WriteV6(packet.AsSpan(24));
        payload.CopyTo(packet.AsSpan(40));
        return packet;
    }

    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
