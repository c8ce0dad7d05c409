using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.RealServer.Tests;

/// <summary>
/// The agent on real network stacks: namespaces of our own (see <see cref="RealServerTestLab"/>), a director
/// namespace sending IPIP and GUE through a raw socket, a service bound to the VIP in the real server's namespace
/// and a client namespace that must get the reply directly.
/// </summary>
public sealed class RealServerAgentRootTests
{
    private const ushort ServicePort = 5353;
    private const ushort ClientPort = 40000;
    private static readonly NetAddress s_real = NetAddress.Parse("100.64.1.2");
    private static readonly NetAddress s_real6 = NetAddress.Parse("2001:db8:1::2");
    private static readonly NetAddress s_director = NetAddress.Parse("192.0.2.2");
    private static readonly NetAddress s_director6 = NetAddress.Parse("2001:db8:d::2");
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.10");
    private static readonly NetAddress s_client6 = NetAddress.Parse("2001:db8:c::10");
    private static readonly NetAddress s_vip = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_vip6 = NetAddress.Parse("2001:db8:f::10");
    private static readonly UdpSocketOptions s_udp = new() { ReceiveTimeout = TimeSpan.FromSeconds(2) };
    private static readonly string[] s_sysctls = ["net.ipv4.conf.all.rp_filter", "net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.all.arp_announce"];

    [RootFact]
    public void Agent_IpipAndGueFromDirector_DeliversToVipAndHostIsRestored()
    {
        using var lab = new RealServerTestLab();
        string statsPath = Path.Combine(Path.GetTempPath(), $"lhtest-rs-{Guid.NewGuid():N}.stats.json");
        RealServerAgent? agent = null;
        try
        {
            // A distribution-style strict rp_filter, to see the agent lift it and put it back.
            lab.Real.Run(() => Sysctl.Write("net.ipv4.conf.all.rp_filter", "1"));
            HostState before = lab.Real.Run(HostState.Read);
            IReadOnlyList<HostCheck> checksBefore = lab.Real.Run(() => RealServerCheck.Run([s_vip]));

            var options = new RealServerOptions
            {
                Vips = [s_vip],
                AllowedDirectors = [AddressPrefix.Parse("192.0.2.2")],
                StatsFile = statsPath,
            };
            agent = lab.Real.Run(() => RealServerAgent.Start(options, TextWriter.Null));

            HostState during = lab.Real.Run(HostState.Read);
            int? advmss = lab.Real.Run(() => IpCommand.Current.RouteGetAdvmss("198.51.100.10"));
            int? advmss6 = lab.Real.Run(() => IpCommand.Current.RouteGetAdvmss("2001:db8:c::10"));
            IReadOnlyList<HostCheck> checksDuring = lab.Real.Run(() => RealServerCheck.Run([s_vip], guePort: 6080));

            using UdpSocket service = lab.Real.Run(() => UdpSocket.Bind(s_vip, ServicePort, s_udp));
            using UdpSocket client = lab.Client.Run(() => UdpSocket.Bind(s_client, ClientPort, s_udp));
            using RawSocket directorRaw = lab.Director.Run(() => RawSocket.OpenSender(AddressFamily.InterNetwork));
            using UdpSocket directorUdp = lab.Director.Run(() => UdpSocket.Bind(s_director, 0, s_udp));
            using RawSocket strangerRaw = lab.Client.Run(() => RawSocket.OpenSender(AddressFamily.InterNetwork));

            // IPIP from the director reaches the service on the VIP, from the client's address.
            byte[] inner = ClientDatagram(s_client, s_vip, "hello over ipip");
            Assert.True(directorRaw.SendTo(Ipip(inner, s_director, s_real), s_real) > 0);
            (string text, NetAddress from, ushort fromPort) = ReceiveText(service);
            Assert.Equal("hello over ipip", text);
            Assert.Equal(s_client, from);
            Assert.Equal(ClientPort, fromPort);

            // The reply (source = VIP) leaves the real server by its default route and reaches the client directly.
            Assert.True(service.SendTo(Encoding.ASCII.GetBytes("reply from vip"), s_client, ClientPort) > 0);
            (string reply, NetAddress replyFrom, ushort replyPort) = ReceiveText(client);
            Assert.Equal("reply from vip", reply);
            Assert.Equal(s_vip, replyFrom);
            Assert.Equal(ServicePort, replyPort);

            // GUE from the director.
            byte[] gue = TunnelPackets.GuePayload(TunnelPackets.Encapsulate(
                ClientDatagram(s_client, s_vip, "hello over gue"), new TunnelParameters(TunnelKind.Gue, s_director, s_real)));
            Assert.True(directorUdp.SendTo(gue, s_real, 6080) > 0);
            Assert.Equal("hello over gue", ReceiveText(service).Text);

            // IPIP from an address that is not an allowed director: counted, never delivered.
            byte[] evil = Ipip(ClientDatagram(s_client, s_vip, "injected"), s_client, s_real);
            Assert.True(strangerRaw.SendTo(evil, s_real) > 0);
            Assert.True(WaitFor(() => agent.Snapshot().Drops["not-allowed-source"] == 1), "the stranger's packet was not counted");
            Assert.Equal(0, service.WaitReadable(500));

            // The receive thread allocates nothing per packet once warmed up.
            DecapsulationReceiver ipip = agent.Receivers.Single(r => r.Name.StartsWith("raw IPv4 proto 4 ", StringComparison.Ordinal));
            SendAndReceive(directorRaw, service, inner, 100);
            Assert.True(WaitFor(() => ipip.Counters.Decapsulated == 101));
            Thread.Sleep(50);
            long allocatedBefore = ipip.ThreadAllocatedBytes;
            // -1 until the thread has handled a batch; 0 is a fair count for a thread that never allocated at all.
            Assert.True(allocatedBefore >= 0, "the receive thread never published its allocation count");
            SendAndReceive(directorRaw, service, inner, 300);
            Assert.True(WaitFor(() => ipip.Counters.Decapsulated == 401));
            Thread.Sleep(50);
            long allocatedDuring = ipip.ThreadAllocatedBytes - allocatedBefore;

            RealServerAgent stopping = agent;
            agent = null;
            lab.Real.Run(stopping.Stop);
            HostState after = lab.Real.Run(HostState.Read);
            AgentStats? stats = StatsFile.Read(statsPath);

            Assert.Contains(checksBefore, c => c.Name == "decapsulation path" && c.Status == HostCheckStatus.Missing);
            Assert.Contains(checksBefore, c => c.Name.StartsWith("VIP", StringComparison.Ordinal) && c.Status == HostCheckStatus.Missing);
            Assert.DoesNotContain(checksDuring, c => c.Status == HostCheckStatus.Missing);

            Assert.Equal(1428, advmss);  // 1500 - 32 (GUE over IPv4) - 40
            Assert.Equal(1408, advmss6); // 1500 - 32 - 60
            Assert.True(during.TunExists);
            Assert.Contains(s_vip, during.LoopbackAddresses);
            Assert.Equal(["0", "1", "2"], during.Sysctls);
            Assert.Equal(0, allocatedDuring);

            Assert.NotNull(stats);
            Assert.Equal(402, stats.Decapsulated); // 401 IPIP + 1 GUE
            Assert.Equal(1, stats.Drops["not-allowed-source"]);
            Assert.Equal(403, stats.Received);

            Assert.False(after.TunExists);
            Assert.DoesNotContain(s_vip, after.LoopbackAddresses);
            Assert.Equal(before.Sysctls, after.Sysctls);
            Assert.Equal("1", after.Sysctls[0]);
            Assert.Equal(before.Routes, after.Routes);
        }
        finally
        {
            if (agent is not null)
            {
                lab.Real.Run(agent.Stop);
            }

            File.Delete(statsPath);
        }
    }

    [RootFact]
    public void Agent_6in6AndVipAlreadyOnLo_DeliversAndLeavesTheVip()
    {
        using var lab = new RealServerTestLab();
        RealServerAgent? agent = null;
        try
        {
            lab.Real.Run(() => IpCommand.Current.Run("address", "add", "2001:db8:f::10/128", "dev", "lo"));
            var options = new RealServerOptions
            {
                Vips = [s_vip6],
                AllowedDirectors = [AddressPrefix.Parse("2001:db8:d::/64")],
                GuePort = 0,
                MssClamp = MssClamp.Off,
            };
            agent = lab.Real.Run(() => RealServerAgent.Start(options, TextWriter.Null));
            HostState during = lab.Real.Run(HostState.Read);

            using UdpSocket service = lab.Real.Run(() => UdpSocket.Bind(s_vip6, ServicePort, s_udp with { V6Only = true }));
            using UdpSocket client = lab.Client.Run(() => UdpSocket.Bind(s_client6, ClientPort, s_udp with { V6Only = true }));
            using RawSocket directorRaw = lab.Director.Run(() => RawSocket.OpenSender(AddressFamily.InterNetworkV6));

            byte[] outer = TunnelPackets.Encapsulate(ClientDatagram(s_client6, s_vip6, "hello over 6in6"), new TunnelParameters(TunnelKind.Ipip, s_director6, s_real6));
            Assert.True(WaitFor(() => directorRaw.SendTo(outer, s_real6) > 0 && service.WaitReadable(200) == 1), "no 6in6 delivery");
            (string text, NetAddress from, _) = ReceiveText(service);
            Assert.Equal("hello over 6in6", text);
            Assert.Equal(s_client6, from);

            Assert.True(service.SendTo(Encoding.ASCII.GetBytes("reply6"), s_client6, ClientPort) > 0);
            (string reply, NetAddress replyFrom, _) = ReceiveText(client);
            Assert.Equal("reply6", reply);
            Assert.Equal(s_vip6, replyFrom);
            Assert.False(during.Routes.Contains("advmss", StringComparison.Ordinal));

            RealServerAgent stopping = agent;
            agent = null;
            lab.Real.Run(stopping.Stop);
            HostState after = lab.Real.Run(HostState.Read);
            Assert.True(stopping.Receivers.Single(r => r.Kind == IngressKind.Ipv6PayloadIpv6Inner).Counters.Decapsulated >= 1);
            Assert.Contains(s_vip6, after.LoopbackAddresses); // it was there before the agent, so it stays
            Assert.False(after.TunExists);
        }
        finally
        {
            if (agent is not null)
            {
                lab.Real.Run(agent.Stop);
            }
        }
    }

    [Fact]
    public void Start_NotRoot_RefusesWithClearMessage()
    {
        if (Privileges.IsRoot)
        {
            return; // the refusal only exists for non-root; root runs the tests above instead
        }

        var options = new RealServerOptions { Vips = [s_vip], AllowedDirectors = [AddressPrefix.Parse("192.0.2.2")] };
        LinuxException e = Assert.Throws<LinuxException>(() => RealServerAgent.Start(options, TextWriter.Null));
        Assert.Contains("needs root", e.Message, StringComparison.Ordinal);
    }

    private static byte[] ClientDatagram(NetAddress client, NetAddress vip, string text) =>
        TunnelPackets.Udp(client, ClientPort, vip, ServicePort, Encoding.ASCII.GetBytes(text));

    private static byte[] Ipip(byte[] inner, NetAddress from, NetAddress to) =>
        TunnelPackets.Encapsulate(inner, new TunnelParameters(TunnelKind.Ipip, from, to));

    private static (string Text, NetAddress From, ushort Port) ReceiveText(UdpSocket socket)
    {
        byte[] buffer = new byte[2048];
        int n = socket.Receive(buffer, out NetAddress from, out ushort port);
        Assert.True(n >= 0, $"nothing received ({ErrnoExtensions.FromResult(n)})");
        return (Encoding.ASCII.GetString(buffer, 0, n), from, port);
    }

    private static void SendAndReceive(RawSocket sender, UdpSocket service, byte[] inner, int count)
    {
        byte[] outer = Ipip(inner, s_director, s_real);
        byte[] buffer = new byte[2048];
        for (int i = 0; i < count; i++)
        {
            Assert.True(sender.SendTo(outer, s_real) > 0);
            Assert.True(service.Receive(buffer, out _, out _) > 0);
        }
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>What the agent changes, read in the calling thread's namespace.</summary>
    private sealed record HostState(bool TunExists, IReadOnlyList<NetAddress> LoopbackAddresses, IReadOnlyList<string> Sysctls, string Routes)
    {
        public static HostState Read() => new(
            NetworkLink.Exists(RealServerOptions.DefaultTunName),
            LocalAddresses.List(IpCommand.Current, "lo").Select(a => a.Address).ToList(),
            s_sysctls.Select(Sysctl.Read).ToList(),
            IpCommand.Current.Run("route", "show", "default") + IpCommand.Current.Run("-6", "route", "show", "default"));
    }
}
