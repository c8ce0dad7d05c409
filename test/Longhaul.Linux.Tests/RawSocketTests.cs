using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

/// <summary>Raw sockets inside a fresh namespace, over its loopback only.</summary>
public sealed class RawSocketTests
{
    private static readonly NetAddress s_loopback = NetAddress.Parse("127.0.0.1");
    private static readonly NetAddress s_loopback6 = NetAddress.Parse("::1");
    private static readonly RawSocketOptions s_receive = new() { ReceiveTimeout = TimeSpan.FromSeconds(2) };

    [RootFact]
    public void Proto4Receiver_IpipOnLoopback_GetsWholePacketAndSource()
    {
        using var ns = new TestNamespace();
        byte[] outer = Ipip(s_loopback, 0x0101, "GET / HTTP/1.0");

        (int sent, int received, byte[] packet, NetAddress source) = ns.Run(() =>
        {
            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.IpInIp, s_receive);
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetwork);

            int s = sender.SendTo(outer, s_loopback);
            byte[] buffer = new byte[2048];
            int n = receiver.Receive(buffer, out NetAddress from);
            return (s, n, buffer[..Math.Max(n, 0)], from);
        });

        Assert.Equal(outer.Length, sent);
        Assert.Equal(outer.Length, received);
        Assert.Equal(outer, packet); // IPv4 raw sockets include the outer header
        Assert.Equal(s_loopback, source);
    }

    [RootFact]
    public void SendAll_ReceiveBatch_MovesEveryIpipPacket()
    {
        using var ns = new TestNamespace();
        byte[][] packets = [.. Enumerable.Range(1, 4).Select(i => Ipip(s_loopback, (ushort)(0x0200 + i), $"packet {i}"))];

        (int sent, int dropped, List<byte[]> received, List<NetAddress> sources) = ns.Run(() =>
        {
            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.IpInIp, s_receive);
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetwork);
            using var outgoing = new PacketBatch(capacity: 8);
            foreach (byte[] p in packets)
            {
                outgoing.TryAdd(p, s_loopback);
            }

            int s = sender.SendAll(outgoing, out int d, out _);

            using var incoming = new PacketBatch(capacity: 8);
            var got = new List<byte[]>();
            var from = new List<NetAddress>();
            var clock = Stopwatch.StartNew();
            while (got.Count < packets.Length && clock.ElapsedMilliseconds < 5000)
            {
                int n = receiver.ReceiveBatch(incoming);
                for (int i = 0; i < n; i++)
                {
                    got.Add(incoming.GetPacket(i).ToArray());
                    from.Add(incoming.GetAddress(i));
                }
            }

            return (s, d, got, from);
        });

        Assert.Equal(packets.Length, sent);
        Assert.Equal(0, dropped);
        Assert.Equal(packets, received);
        Assert.All(sources, s => Assert.Equal(s_loopback, s));
    }

    [RootFact]
    public void Ipv6Proto41Receiver_HdrinclSendOnLoopback_GetsPayloadWithoutHeaderAndSource()
    {
        using var ns = new TestNamespace();
        byte[] inner = TestPackets.Ipv6(
            NetAddress.Parse("2001:db8::10"), NetAddress.Parse("2001:db8::1"), IpProtocol.Udp, Encoding.ASCII.GetBytes("6in6 body"));
        byte[] outer = TestPackets.Ipv6(s_loopback6, s_loopback6, IpProtocol.Ipv6, inner);

        (int sent, int received, byte[] payload, NetAddress source) = ns.Run(() =>
        {
            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetworkV6, IpProtocol.Ipv6, s_receive);
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetworkV6);

            int s = sender.SendTo(outer, s_loopback6);
            byte[] buffer = new byte[2048];
            int n = receiver.Receive(buffer, out NetAddress from);
            return (s, n, buffer[..Math.Max(n, 0)], from);
        });

        Assert.Equal(outer.Length, sent);
        Assert.Equal(inner.Length, received); // IPv6 raw sockets strip the outer header...
        Assert.Equal(inner, payload);
        Assert.Equal(s_loopback6, source);     // ...so the outer source comes from the socket address
    }

    [RootFact]
    public void Proto4Receiver_WhileOpen_StopsProtocolUnreachable()
    {
        using var ns = new TestNamespace();

        (bool unreachableWithout, bool unreachableWith, int receivedWith) = ns.Run(() =>
        {
            using var icmp = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.Icmp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(300) });
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetwork);

            sender.SendTo(Ipip(s_loopback, 0x0301, "nobody home"), s_loopback);
            bool without = SawProtocolUnreachable(icmp);

            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.IpInIp, s_receive);
            sender.SendTo(Ipip(s_loopback, 0x0302, "agent here"), s_loopback);
            int n = receiver.Receive(new byte[2048], out _);
            return (without, SawProtocolUnreachable(icmp), n);
        });

        Assert.True(unreachableWithout, "without a proto-4 socket the kernel should answer ICMP protocol unreachable");
        Assert.False(unreachableWith, "with a proto-4 socket open the kernel must stay quiet");
        Assert.True(receivedWith > 0);
    }

    [RootFact]
    public void SendTo_LargerThanMtu_ReturnsEmsgsize()
    {
        using var ns = new TestNamespace();

        int result = ns.Run(() =>
        {
            IpCommand.InNamespace(ns.Name).LinkSetMtu("lo", 1500);
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetwork);
            byte[] big = TestPackets.Ipv4(s_loopback, s_loopback, IpProtocol.IpInIp, new byte[1600]);
            return sender.SendTo(big, s_loopback);
        });

        Assert.Equal(Errno.EMSGSIZE, ErrnoExtensions.FromResult(result));
    }

    [RootFact]
    public void Receive_Idle_ReturnsEagainWithinTimeout()
    {
        using var ns = new TestNamespace();

        (int result, long elapsed) = ns.Run(() =>
        {
            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.IpInIp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(150) });
            var clock = Stopwatch.StartNew();
            int r = receiver.Receive(new byte[2048], out _);
            return (r, clock.ElapsedMilliseconds);
        });

        Assert.Equal(Errno.EAGAIN, ErrnoExtensions.FromResult(result));
        Assert.InRange(elapsed, 100, 2000);
    }

    [RootFact]
    public void UdpDualStack_InNamespace_ReceivesIpv4AsMappedSource()
    {
        using var ns = new TestNamespace();

        (int n, NetAddress source) = ns.Run(() =>
        {
            var options = new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromSeconds(2) };
            using var receiver = UdpSocket.Bind(NetAddress.None, 6080, options);
            using var sender = UdpSocket.Bind(s_loopback, 0, options);
            sender.SendTo([9], s_loopback, receiver.LocalPort);
            int r = receiver.Receive(new byte[8], out NetAddress from, out _);
            return (r, from);
        });

        Assert.Equal(1, n);
        Assert.True(source.IsIPv4);
        Assert.Equal(s_loopback, source);
    }

    private static byte[] Ipip(NetAddress outer, ushort id, string body)
    {
        byte[] inner = TestPackets.Ipv4Udp(
            NetAddress.Parse("198.51.100.10"), 40001, NetAddress.Parse("203.0.113.1"), 80, Encoding.ASCII.GetBytes(body));
        return TestPackets.Ipv4(outer, outer, IpProtocol.IpInIp, inner, id);
    }

    /// <summary>Drains the ICMP socket (bounded by its receive timeout) looking for type 3 code 2.</summary>
    private static bool SawProtocolUnreachable(RawSocket icmp)
    {
        byte[] buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 1000)
        {
            int n = icmp.Receive(buffer, out _);
            if (n < 0)
            {
                return false;
            }

            int headerLength = (buffer[0] & 0xF) * 4;
            if (n >= headerLength + 2 && buffer[headerLength] == 3 && buffer[headerLength + 1] == 2)
            {
                return true;
            }
        }

        return false;
    }
}
