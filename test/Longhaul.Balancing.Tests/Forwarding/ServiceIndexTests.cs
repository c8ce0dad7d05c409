using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Forwarding.TestDeployment;

namespace Longhaul.Balancing.Tests.Forwarding;

public sealed class ServiceIndexTests
{
    [Fact]
    public void FindService_ManyServices_EachFoundExactlyAndEveryPortFallbackUsed()
    {
        // 3 VIPs x (TCP and UDP) x a few ports, plus an every-port service on one VIP: 512 is the limit, so
        // collisions in the open-addressing table are certain and exercised.
        var services = new List<ServiceDefinition>();
        for (int v = 0; v < 40; v++)
        {
            NetAddress vip = v % 2 == 0 ? NetAddress.FromV4(0xCB00_7100u + (uint)v) : NetAddress.Parse($"2001:db8:cafe::{v:x}");
            foreach (IpProtocol protocol in new[] { IpProtocol.Tcp, IpProtocol.Udp })
            {
                foreach (ushort port in new ushort[] { 53, 80, 443, 8080, 1 })
                {
                    services.Add(new ServiceDefinition(protocol, vip, port, Reals(1), SchedulerKind.RoundRobin, null));
                }
            }
        }

        NetAddress anyPortVip = NetAddress.Parse("198.51.100.200");
        services.Add(new ServiceDefinition(IpProtocol.Tcp, anyPortVip, 0, Reals(1), SchedulerKind.RoundRobin, null));
        var definition = new BalancerDefinition(new TunnelSettings(DirectorV4, DirectorV6), services, 7, MaglevTableSize: 251);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(definition);

        foreach (ServiceDefinition service in services.Where(s => s.Port != 0))
        {
            CompiledService? found = snapshot.FindService(service.Protocol, service.Vip, service.Port);
            Assert.NotNull(found);
            Assert.Equal(new ServiceKey(service.Protocol, service.Vip, service.Port), found.Key);
        }

        Assert.Null(snapshot.FindService(IpProtocol.Tcp, services[0].Vip, 22));
        Assert.Null(snapshot.FindService(IpProtocol.Icmp, services[0].Vip, 80));
        Assert.Null(snapshot.FindService(IpProtocol.Tcp, NetAddress.Parse("203.0.113.250"), 80));
        Assert.Equal(0, snapshot.FindService(IpProtocol.Tcp, anyPortVip, 31337)!.Key.Port);
        Assert.Null(snapshot.FindService(IpProtocol.Udp, anyPortVip, 31337));
    }
}
