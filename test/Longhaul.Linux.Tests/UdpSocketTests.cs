using System.Diagnostics;
using System.Text;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

/// <summary>UDP on the host's loopback only (no root needed, nothing leaves the machine).</summary>
public sealed class UdpSocketTests
{
    private static readonly NetAddress s_loopback = NetAddress.Parse("127.0.0.1");
    private static readonly UdpSocketOptions s_options = new() { ReceiveTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public void Bind_PortZero_ReportsKernelChosenPort()
    {
        using var socket = UdpSocket.Bind(s_loopback, 0, s_options);

        Assert.NotEqual(0, socket.LocalPort);
        Assert.Equal(s_loopback, socket.LocalAddress);
    }

    [Fact]
    public void SendTo_Receive_DeliversPayloadAndSource()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        byte[] payload = Encoding.ASCII.GetBytes("gue says hi");

        Assert.Equal(payload.Length, sender.SendTo(payload, s_loopback, receiver.LocalPort));
        byte[] buffer = new byte[1500];
        int n = receiver.Receive(buffer, out NetAddress source, out ushort sourcePort);

        Assert.Equal(payload.Length, n);
        Assert.Equal(payload, buffer[..n]);
        Assert.Equal(s_loopback, source);
        Assert.Equal(sender.LocalPort, sourcePort);
    }

    [Fact]
    public void Receive_NothingArrives_ReturnsEagainAfterTimeout()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(100) });
        var clock = Stopwatch.StartNew();

        int n = receiver.Receive(new byte[64], out _, out _);

        Assert.Equal(Errno.EAGAIN, ErrnoExtensions.FromResult(n));
        Assert.InRange(clock.ElapsedMilliseconds, 50, 2000);
    }

    [Fact]
    public void Receive_DatagramLongerThanBuffer_ReturnsEmsgsize()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        sender.SendTo(new byte[100], s_loopback, receiver.LocalPort);

        int n = receiver.Receive(new byte[10], out NetAddress source, out _);

        Assert.Equal(Errno.EMSGSIZE, ErrnoExtensions.FromResult(n));
        Assert.Equal(s_loopback, source);
    }

    [Fact]
    public void WaitReadable_NonBlockingSocket_TimesOutThenSeesData()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, new UdpSocketOptions { NonBlocking = true });
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);

        Assert.Equal(0, receiver.WaitReadable(50));
        Assert.Equal(Errno.EAGAIN, ErrnoExtensions.FromResult(receiver.Receive(new byte[64], out _, out _)));
        sender.SendTo([42], s_loopback, receiver.LocalPort);
        Assert.Equal(1, receiver.WaitReadable(2000));
        Assert.Equal(1, receiver.Receive(new byte[64], out _, out _));
    }

    [Fact]
    public void SendBatch_ReceiveBatch_MovesEveryDatagram()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        using var outgoing = new PacketBatch(capacity: 8, bufferSize: 256);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(outgoing.TryAdd([(byte)i, (byte)(i * 2), 0xAB], s_loopback, receiver.LocalPort));
        }

        int sent = sender.SendAll(outgoing, out int dropped, out Errno lastError);

        Assert.Equal(5, sent);
        Assert.Equal(0, dropped);
        Assert.Equal(Errno.None, lastError);

        using var incoming = new PacketBatch(capacity: 8, bufferSize: 256);
        int received = 0;
        var clock = Stopwatch.StartNew();
        while (received < 5 && clock.ElapsedMilliseconds < 5000)
        {
            int n = receiver.ReceiveBatch(incoming);
            Assert.True(n > 0, $"recvmmsg returned {n}");
            for (int i = 0; i < n; i++)
            {
                int index = received + i;
                Assert.Equal([(byte)index, (byte)(index * 2), 0xAB], incoming.GetPacket(i).ToArray());
                Assert.Equal(s_loopback, incoming.GetAddress(i));
                Assert.Equal(sender.LocalPort, incoming.GetPort(i));
                Assert.False(incoming.IsTruncated(i));
            }

            received += n;
        }

        Assert.Equal(5, received);
    }

    [Fact]
    public void ReceiveBatch_DatagramLongerThanSlot_FlagsTruncated()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        using var incoming = new PacketBatch(capacity: 2, bufferSize: 16);
        sender.SendTo(new byte[40], s_loopback, receiver.LocalPort);

        int n = receiver.ReceiveBatch(incoming);

        Assert.Equal(1, n);
        Assert.True(incoming.IsTruncated(0));
        Assert.Equal(16, incoming.GetLength(0));
    }

    [Fact]
    public void SendAll_Ipv6DestinationOnIpv4Socket_DropsOnlyThatPacket()
    {
        using var receiver = UdpSocket.Bind(s_loopback, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        using var outgoing = new PacketBatch(capacity: 4, bufferSize: 64);
        outgoing.TryAdd([1], s_loopback, receiver.LocalPort);
        outgoing.TryAdd([2], NetAddress.Parse("2001:db8::1"), receiver.LocalPort);
        outgoing.TryAdd([3], s_loopback, receiver.LocalPort);

        int sent = sender.SendAll(outgoing, out int dropped, out Errno lastError);

        Assert.Equal(2, sent);
        Assert.Equal(1, dropped);
        Assert.Equal(Errno.EAFNOSUPPORT, lastError);
        byte[] buffer = new byte[8];
        Assert.Equal(1, receiver.Receive(buffer, out _, out _));
        Assert.Equal(1, buffer[0]);
        Assert.Equal(1, receiver.Receive(buffer, out _, out _));
        Assert.Equal(3, buffer[0]);
    }

    [Fact]
    public void Bind_PortInUse_ThrowsEaddrinuse()
    {
        using var first = UdpSocket.Bind(s_loopback, 0, s_options);

        var e = Assert.Throws<LinuxException>(() => UdpSocket.Bind(s_loopback, first.LocalPort, s_options));

        Assert.Equal(Errno.EADDRINUSE, e.Errno);
        Assert.Contains($"127.0.0.1:{first.LocalPort}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_DualStackAny_ReceivesIpv4AsMappedSource()
    {
        using var receiver = UdpSocket.Bind(NetAddress.None, 0, s_options);
        using var sender = UdpSocket.Bind(s_loopback, 0, s_options);
        sender.SendTo([9], s_loopback, receiver.LocalPort);

        int n = receiver.Receive(new byte[8], out NetAddress source, out _);

        Assert.Equal(1, n);
        Assert.True(source.IsIPv4);
        Assert.Equal(s_loopback, source);
    }
}
