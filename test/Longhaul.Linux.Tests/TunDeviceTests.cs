using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

public sealed class TunDeviceTests
{
    private static readonly NetAddress s_tunAddress = NetAddress.Parse("192.0.2.1");
    private static readonly NetAddress s_peer = NetAddress.Parse("192.0.2.2");

    [Fact]
    public void Open_InvalidName_ThrowsBeforeTouchingTheKernel()
    {
        Assert.Throws<ArgumentException>(() => TunDevice.Open("name-that-is-too-long"));
    }

    [RootFact]
    public void Write_UdpPacketToLocalAddress_IsDeliveredToUdpSocket()
    {
        using var ns = new TestNamespace();
        byte[] data = Encoding.ASCII.GetBytes("through the tun");

        (int written, int received, byte[] payload, NetAddress source, ushort sourcePort) = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhtun0");
            IpCommand.InNamespace(ns.Name).AddAddress(tun.Name, "192.0.2.1/24");
            using var udp = UdpSocket.Bind(s_tunAddress, 5555, new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromSeconds(2) });

            int w = tun.Write(TestPackets.Ipv4Udp(s_peer, 40000, s_tunAddress, 5555, data));
            byte[] buffer = new byte[2048];
            int n = udp.Receive(buffer, out NetAddress from, out ushort fromPort);
            return (w, n, buffer[..Math.Max(n, 0)], from, fromPort);
        });

        Assert.Equal(20 + 8 + data.Length, written);
        Assert.Equal(data.Length, received);
        Assert.Equal(data, payload);
        Assert.Equal(s_peer, source);
        Assert.Equal(40000, sourcePort);
    }

    [RootFact]
    public void RawSend_ToAddressRoutedToTun_IsReadFromTun()
    {
        using var ns = new TestNamespace();
        NetAddress destination = NetAddress.Parse("192.0.2.9");
        byte[] packet = TestPackets.Ipv4Udp(s_tunAddress, 1000, destination, 2000, Encoding.ASCII.GetBytes("to the tun"));

        (int sent, byte[]? read) = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhtun1", new TunOptions { NonBlocking = true });
            IpCommand.InNamespace(ns.Name).AddAddress(tun.Name, "192.0.2.1/24");
            using var raw = RawSocket.OpenSender(AddressFamily.InterNetwork);

            int s = raw.SendTo(packet, destination);
            return (s, ReadIpv4FromTun(tun, destination));
        });

        Assert.Equal(packet.Length, sent);
        Assert.NotNull(read);
        Assert.Equal(packet, read);
    }

    [RootFact]
    public void Open_WithMtu_SetsMtuAndBringsLinkUp()
    {
        using var ns = new TestNamespace();

        (string name, int mtu, bool up) = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhtun2", new TunOptions { Mtu = 1400 });
            return (tun.Name, NetworkLink.GetMtu(tun.Name), NetworkLink.IsUp(tun.Name));
        });

        Assert.Equal("lhtun2", name);
        Assert.Equal(1400, mtu);
        Assert.True(up);
    }

    [RootFact]
    public void OpenQueues_NamePattern_GivesQueuesOfOneDevice()
    {
        using var ns = new TestNamespace();

        (string[] names, bool distinct, bool exists, bool goneAfterClose) = ns.Run(() =>
        {
            IReadOnlyList<TunDevice> queues = TunDevice.OpenQueues("lhmq%d", 3, new TunOptions { NonBlocking = true });
            string[] n = queues.Select(q => q.Name).ToArray();
            bool d = queues.Select(q => q.Handle.Value).Distinct().Count() == 3;
            bool e = NetworkLink.Exists(n[0]);
            foreach (TunDevice queue in queues)
            {
                Assert.True(queue.IsMultiQueue);
                queue.Dispose();
            }

            return (n, d, e, !NetworkLink.Exists(n[0]));
        });

        Assert.Equal(["lhmq0", "lhmq0", "lhmq0"], names);
        Assert.True(distinct);
        Assert.True(exists);
        Assert.True(goneAfterClose);
    }

    [RootFact]
    public void Read_NonBlockingAndIdle_ReturnsEagain()
    {
        using var ns = new TestNamespace();

        (int read, int wait) = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhtun3", new TunOptions { NonBlocking = true, BringUp = false });
            return (tun.Read(new byte[2048]), tun.WaitReadable(50));
        });

        Assert.Equal(Errno.EAGAIN, ErrnoExtensions.FromResult(read));
        Assert.Equal(0, wait);
    }

    [RootFact]
    public void Write_LinkDown_ReturnsEio()
    {
        using var ns = new TestNamespace();

        int written = ns.Run(() =>
        {
            using var tun = TunDevice.Open("lhtun4", new TunOptions { BringUp = false });
            return tun.Write(TestPackets.Ipv4Udp(s_peer, 1, s_tunAddress, 2, [1]));
        });

        Assert.Equal(Errno.EIO, ErrnoExtensions.FromResult(written));
    }

    /// <summary>Reads until an IPv4 packet to <paramref name="destination"/> shows up (skipping e.g. IPv6 router solicitations), for at most 2 s.</summary>
    internal static byte[]? ReadIpv4FromTun(TunDevice tun, NetAddress destination)
    {
        byte[] buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 2000)
        {
            if (tun.WaitReadable(100) <= 0)
            {
                continue;
            }

            int n = tun.Read(buffer);
            if (n >= 20 && buffer[0] >> 4 == 4 && NetAddress.FromV4Bytes(buffer.AsSpan(16)) == destination)
            {
                return buffer[..n];
            }
        }

        return null;
    }
}
