using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Longhaul.Balancing.Simulation;
using Longhaul.Config;
using Longhaul.Director.Runtime;
using Longhaul.Director.Stats;
using Longhaul.Linux;
using Longhaul.Packets;
using static Longhaul.Director.Tests.DirectorTopology;

namespace Longhaul.Director.Tests;

/// <summary>
/// The director on real kernels: a client namespace sends to the VIP through a director namespace running
/// <see cref="DirectorRuntime"/>, and a real-server namespace receives what the director sends.
/// </summary>
public sealed class DirectorRuntimeRootTests
{
    private static readonly NetAddress s_vip = NetAddress.Parse("203.0.113.10");
    private static readonly TimeSpan s_receiveDeadline = TimeSpan.FromSeconds(5);

    [RootFact]
    public void Run_InNamespaces_TunnelsClientPacketsToTheRealAndAnswersTooBigWithFragNeeded()
    {
        using var topology = new DirectorTopology();
        string statsPath = Path.Combine(Path.GetTempPath(), $"lhtest-dir-{topology.Id}", "stats.json");
        DirectorConfig config = DirectorConfig.Parse(
            $"""
            director:
              name: roottest
              tunnel-source: {DirectorRealSide}
              workers: 2
              tun-device: lhd0
              flow-table-size: 4096
              stats-file: {statsPath}
            services:
              - protocol: udp
                vip: {s_vip}
                port: 5000
                reals:
                  - address: {RealAddress}
                    dc: dc1
              - protocol: tcp
                vip: {s_vip}
                port: 80
                reals:
                  - address: {RealAddress}
                    dc: dc1
            """,
            "roottest.yaml");
        var log = new StringWriter();
        using var director = new DirectorThread(topology.Director, config, new DirectorLog(TextWriter.Synchronized(log)));
        try
        {
            Assert.True(director.WaitStarted(TimeSpan.FromSeconds(20)), $"director did not start: {director.Failure}\n{log}");
            Assert.Null(director.Failure);
            using RawSocket ipip = topology.Real.Run(() => RawSocket.OpenReceiver(
                AddressFamily.InterNetwork, IpProtocol.IpInIp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(500) }));
            using RawSocket icmp = topology.Client.Run(() => RawSocket.OpenReceiver(
                AddressFamily.InterNetwork, IpProtocol.Icmp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(500) }));

            // UDP from the client's own stack.
            byte[] payload = "hello through the director"u8.ToArray();
            topology.Client.Run(() =>
            {
                using var udp = UdpSocket.Bind(ClientAddress, 0);
                Assert.Equal(payload.Length, udp.SendTo(payload, s_vip, 5000));
            });
            byte[] udpTunnelled = ReceiveMatching(ipip, inner => inner.Protocol == IpProtocol.Udp, $"the client's UDP datagram, IPIP-encapsulated\n{log}");
            AssertOuter(udpTunnelled, out Ipv4Header udpInner, out ReadOnlySpan<byte> udpTransport);
            Assert.True(UdpHeader.TryParse(udpTransport, out UdpHeader udpHeader));
            Assert.Equal(5000, udpHeader.DestinationPort);
            Assert.Equal(payload, udpHeader.Payload.ToArray());
            Assert.Equal(ClientAddress, udpInner.Source);

            // A TCP SYN from the client's stack: a connect that nobody will answer.
            using Socket tcp = topology.Client.Run(() =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    socket.Connect(new IPEndPoint(s_vip.ToIPAddress(), 80));
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // The SYN is on its way.
                }

                return socket;
            });
            byte[] synTunnelled = ReceiveMatching(ipip, inner => inner.Protocol == IpProtocol.Tcp, $"the client's TCP SYN, IPIP-encapsulated\n{log}");
            AssertOuter(synTunnelled, out Ipv4Header synInner, out ReadOnlySpan<byte> synTransport);
            Assert.True(TcpHeader.TryParse(synTransport, out TcpHeader syn));
            Assert.True(syn.IsSyn && !syn.IsAck);
            Assert.Equal(80, syn.DestinationPort);
            Assert.Equal(ClientAddress, synInner.Source);

            // A full-size (1500-byte) packet with DF: 20 bytes of IPIP would make it 1520 > tunnel MTU 1500.
            byte[] big = new byte[1500];
            Assert.Equal(1500, SyntheticPackets.WriteTcp(big, ClientAddress, s_vip, 40_002, 80, SyntheticPackets.Ack, payloadLength: 1460, dontFragment: true));
            topology.Client.Run(() =>
            {
                using RawSocket sender = RawSocket.OpenSender(AddressFamily.InterNetwork);
                Assert.Equal(1500, sender.SendTo(big, s_vip));
            });
            byte[] fragNeeded = ReceiveMatching(icmp, ip => ip.Source == s_vip, $"ICMP frag-needed from the VIP at the client\n{log}");
            Assert.True(Ipv4Header.TryParse(fragNeeded, out Ipv4Header icmpIp));
            Assert.Equal(ClientAddress, icmpIp.Destination);
            Assert.True(IcmpHeader.TryParse(fragNeeded.AsSpan(icmpIp.HeaderLength), out IcmpHeader header));
            Assert.Equal(IcmpHeader.TypeDestinationUnreachable, header.Type);
            Assert.Equal(IcmpHeader.CodeFragmentationNeeded, header.Code);
            Assert.Equal(1480, (int)(header.RestOfHeader & 0xFFFF));
            Assert.True(Ipv4Header.TryParse(header.Payload, out Ipv4Header quoted));
            Assert.Equal(s_vip, quoted.Destination);
        }
        finally
        {
            director.Stop(TimeSpan.FromSeconds(20));
        }

        Assert.Null(director.Failure);

        // Stopped: everything it set up is gone or restored, and the last stats were written.
        var (forwarding, tunExists, routes) = topology.Director.Run(() => (
            Sysctl.Read("net.ipv4.ip_forward"),
            NetworkLink.Exists("lhd0"),
            IpCommand.Current.Run("route", "show")));
        Assert.Equal(director.ForwardingBefore, forwarding);
        Assert.False(tunExists);
        Assert.DoesNotContain(s_vip.ToString(), routes, StringComparison.Ordinal);

        DirectorStats stats = StatsFile.Deserialize(File.ReadAllBytes(statsPath))!;
        Directory.Delete(Path.GetDirectoryName(statsPath)!, recursive: true);
        Assert.Equal("roottest", stats.Name);
        Assert.True(stats.Forwarded >= 2, $"forwarded {stats.Forwarded}");
        Assert.Equal(1, stats.Replies);
        Assert.Equal(0, stats.Io.SendErrors);
        Assert.Equal(0, stats.Io.ReplyErrors);
    }

    /// <summary>Outer IPv4 from the director's address to the real, protocol 4, carrying an IPv4 packet from the client to the VIP.</summary>
    private static void AssertOuter(byte[] packet, out Ipv4Header inner, out ReadOnlySpan<byte> transport)
    {
        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header outer));
        Assert.Equal(DirectorRealSide, outer.Source);
        Assert.Equal(RealAddress, outer.Destination);
        Assert.Equal(IpProtocol.IpInIp, outer.Protocol);
        ReadOnlySpan<byte> innerBytes = packet.AsSpan(outer.HeaderLength);
        Assert.True(Ipv4Header.TryParse(innerBytes, out inner));
        Assert.Equal(s_vip, inner.Destination);
        Assert.Equal(innerBytes.Length, BinaryPrimitives.ReadUInt16BigEndian(innerBytes[2..]));
        transport = innerBytes[inner.HeaderLength..];
    }

    private delegate bool HeaderPredicate(Ipv4Header header);

    /// <summary>
    /// The first packet on <paramref name="socket"/> within the deadline whose IPv4 header (for IPIP: the inner
    /// one) matches; anything else is skipped.
    /// </summary>
    private static byte[] ReceiveMatching(RawSocket socket, HeaderPredicate match, string what)
    {
        byte[] buffer = new byte[70_000];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_receiveDeadline)
        {
            int n = socket.Receive(buffer, out _);
            if (n <= 0 || !Ipv4Header.TryParse(buffer.AsSpan(0, n), out Ipv4Header ip))
            {
                continue;
            }

            ReadOnlySpan<byte> candidate = buffer.AsSpan(0, n);
            if (ip.Protocol == IpProtocol.IpInIp)
            {
                candidate = candidate[ip.HeaderLength..];
                if (!Ipv4Header.TryParse(candidate, out ip))
                {
                    continue;
                }
            }

            if (match(ip))
            {
                return buffer.AsSpan(0, n).ToArray();
            }
        }

        Assert.Fail($"nothing arrived within {s_receiveDeadline.TotalSeconds} s: expected {what}");
        return [];
    }
}
