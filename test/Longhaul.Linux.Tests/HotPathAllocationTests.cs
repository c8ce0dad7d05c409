using System.Net.Sockets;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

/// <summary>The per-packet methods must not allocate: measured on the thread that runs them, after warm-up.</summary>
public sealed class HotPathAllocationTests
{
    private const int Rounds = 200;
    private static readonly NetAddress s_loopback = NetAddress.Parse("127.0.0.1");

    [Fact]
    public void UdpSendReceiveAndBatches_DoNotAllocate()
    {
        var options = new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromSeconds(2) };
        using var receiver = UdpSocket.Bind(s_loopback, 0, options);
        using var sender = UdpSocket.Bind(s_loopback, 0, options);
        using var outgoing = new PacketBatch(capacity: 4, bufferSize: 256);
        using var incoming = new PacketBatch(capacity: 4, bufferSize: 256);
        byte[] payload = new byte[64];
        byte[] buffer = new byte[256];
        ushort port = receiver.LocalPort;

        void Round()
        {
            sender.SendTo(payload, s_loopback, port);
            receiver.Receive(buffer, out _, out _);
            outgoing.Clear();
            outgoing.TryAdd(payload, s_loopback, port);
            outgoing.TryAdd(payload, s_loopback, port);
            sender.SendAll(outgoing, out _, out _);
            int got = 0;
            while (got < 2)
            {
                int n = receiver.ReceiveBatch(incoming);
                if (n <= 0)
                {
                    break;
                }

                got += n;
            }

            receiver.WaitReadable(0);
        }

        Assert.Equal(0, MeasureAllocations(Round));
    }

    [RootFact]
    public void TunAndRawSocket_DoNotAllocate()
    {
        using var ns = new TestNamespace();

        long allocated = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhalloc0", new TunOptions { NonBlocking = true });
            IpCommand.InNamespace(ns.Name).AddAddress(tun.Name, "192.0.2.1/24");
            using var receiver = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.IpInIp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromSeconds(2) });
            using var sender = RawSocket.OpenSender(AddressFamily.InterNetwork);
            using var batch = new PacketBatch(capacity: 4);
            NetAddress peer = NetAddress.Parse("192.0.2.2");
            NetAddress routedToTun = NetAddress.Parse("192.0.2.9");
            byte[] toTun = TestPackets.Ipv4Udp(peer, 1, routedToTun, 2, new byte[32]);
            byte[] ipip = TestPackets.Ipv4(s_loopback, s_loopback, IpProtocol.IpInIp, toTun);
            byte[] buffer = new byte[2048];

            void Round()
            {
                sender.SendTo(toTun, routedToTun);
                tun.WaitReadable(1000);
                tun.Read(buffer);
                tun.Write(toTun);
                sender.SendTo(ipip, s_loopback);
                receiver.Receive(buffer, out _);
                batch.Clear();
                batch.TryAdd(ipip, s_loopback);
                sender.SendAll(batch, out _, out _);
                receiver.ReceiveBatch(batch);
            }

            return MeasureAllocations(Round);
        });

        Assert.Equal(0, allocated);
    }

    private static long MeasureAllocations(Action round)
    {
        for (int i = 0; i < 20; i++)
        {
            round(); // JIT and tiering first
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            round();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
