using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Egress.Tests;

internal static class TestPackets
{
    public static readonly NetAddress Director = NetAddress.Parse("192.0.2.2");
    public static readonly NetAddress Real = NetAddress.Parse("100.64.1.2");
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress Client = NetAddress.Parse("198.51.100.10");
    public static readonly NetAddress Router = NetAddress.Parse("100.64.1.1");

    public static byte[] Probe(NetAddress source, NetAddress vip, ushort port = EgressDefaults.ProbePort, UInt128 token = default, ProbeKind kind = ProbeKind.TunnelProbe)
    {
        byte[] message = new byte[ProbeMessage.Length];
        ProbeMessage.Write(message, kind, 0, token == default ? 42 : token, Real, vip);
        byte[] packet = new byte[IpUdpPacketWriter.MaxHeaderLength + message.Length];
        int length = IpUdpPacketWriter.Write(packet, source, 40000, vip, port, message);
        return packet[..length];
    }

    /// <summary>An IPv4 ICMP error from <paramref name="responder"/> quoting the first 28 bytes of <paramref name="quoted"/>, as a router sends it.</summary>
    public static byte[] IcmpV4(NetAddress responder, NetAddress to, byte type, byte code, ReadOnlySpan<byte> quoted, int quoteLength = 28)
    {
        int icmpLength = 8 + quoteLength;
        byte[] packet = new byte[20 + icmpLength];
        Ipv4HeaderWriter.Write(packet, 0, (ushort)packet.Length, 1, false, 64, IpProtocol.Icmp, responder.V4, to.V4);
        packet[20] = type;
        packet[21] = code;
        quoted[..quoteLength].CopyTo(packet.AsSpan(28));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), InternetChecksum.Compute(packet.AsSpan(20)));
        return packet;
    }

    /// <summary>An ICMPv6 message (no IPv6 header, as a raw socket delivers it) quoting <paramref name="quoted"/>.</summary>
    public static byte[] IcmpV6(byte type, byte code, ReadOnlySpan<byte> quoted)
    {
        byte[] message = new byte[8 + quoted.Length];
        message[0] = type;
        message[1] = code;
        quoted.CopyTo(message.AsSpan(8));
        return message;
    }
}
