using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Config.Tests;

public sealed class DirectorConfigTests
{
    private const string Valid = """
        director:
          name: dir1
          tunnel-source: 192.0.2.2          # director's own routable IPv4 address (outer source)
          tunnel-source-v6: 2001:db8:d::2
          encapsulation: gue
          gue-port: 6081
          tunnel-mtu: 1400
          hash-seed: 7
          workers: 2
          flow-table-size: 1048576
          new-flows-per-second: 125000
          tun-device: lhd0
          stats-file: /run/longhaul/dir1.stats.json
        services:
          - protocol: tcp
            vip: 203.0.113.10
            port: 80
            scheduler: mh
            persistence-timeout: 0
            reals:
              - address: 100.64.1.2
                weight: 1
                dc: us-east
              - address: 100.64.2.2
                weight: 3
                dc: eu-west
          - protocol: udp
            vip: 2001:db8:f::10
            port: 53
            scheduler: wrr
            persistence-timeout: 300
            reals:
              - address: 2001:db8:1::2
        """;

    [Fact]
    public void Parse_ContractExample_BuildsTheDefinitionAndSettings()
    {
        DirectorConfig config = DirectorConfig.Parse(Valid, "dir.yaml");

        Assert.Equal(new DirectorSettings("dir1", 2, "lhd0", "/run/longhaul/dir1.stats.json", 1048576, 125000), config.Director);
        TunnelSettings tunnel = config.Balancer.Tunnel;
        Assert.Equal(NetAddress.Parse("192.0.2.2"), tunnel.SourceV4);
        Assert.Equal(NetAddress.Parse("2001:db8:d::2"), tunnel.SourceV6);
        Assert.Equal(TunnelKind.Gue, tunnel.Kind);
        Assert.Equal(6081, tunnel.GuePort);
        Assert.Equal(1400, tunnel.Mtu);
        Assert.Equal(7UL, config.Balancer.HashSeed);
        Assert.Equal("dir.yaml", config.Source);

        Assert.Equal(2, config.Balancer.Services.Count);
        ServiceDefinition web = config.Balancer.Services[0];
        Assert.Equal(new ServiceKey(IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), 80), web.Key);
        Assert.Equal(SchedulerKind.Maglev, web.Scheduler);
        Assert.Null(web.Persistence);
        Assert.Equal(
            [new RealDefinition(NetAddress.Parse("100.64.1.2"), DataCenter: "us-east"), new RealDefinition(NetAddress.Parse("100.64.2.2"), Weight: 3, DataCenter: "eu-west")],
            web.Reals);

        ServiceDefinition dns = config.Balancer.Services[1];
        Assert.Equal(new ServiceKey(IpProtocol.Udp, NetAddress.Parse("2001:db8:f::10"), 53), dns.Key);
        Assert.Equal(SchedulerKind.WeightedRoundRobin, dns.Scheduler);
        Assert.Equal(TimeSpan.FromSeconds(300), dns.Persistence!.Timeout);
        Assert.Equal(new RealDefinition(NetAddress.Parse("2001:db8:1::2")), Assert.Single(dns.Reals));
    }

    [Fact]
    public void Parse_MinimalFile_UsesDefaults()
    {
        DirectorConfig config = DirectorConfig.Parse("""
            director:
              tunnel-source: 192.0.2.2
            services:
              - protocol: TCP
                vip: 203.0.113.10
                port: 80
                reals:
                  - address: 100.64.1.2
            """);

        Assert.Equal("director", config.Director.Name);
        Assert.Equal(Environment.ProcessorCount, config.Director.Workers);
        Assert.Equal("lhd0", config.Director.TunDevice);
        Assert.Equal("/run/longhaul/director.stats.json", config.Director.StatsFile);
        Assert.Equal(TunnelKind.Ipip, config.Balancer.Tunnel.Kind);
        Assert.Equal(1500, config.Balancer.Tunnel.Mtu);
        Assert.True(config.Balancer.Tunnel.SourceV6.IsNone);
        Assert.Equal(SchedulerKind.Maglev, config.Balancer.Services[0].Scheduler);
        Assert.Equal(1, config.Balancer.Services[0].Reals[0].Weight);
    }

    [Fact]
    public void Load_File_NamesThePathInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lh-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Valid.Replace("weight: 3", "weight: 70000", StringComparison.Ordinal));
        try
        {
            var e = Assert.Throws<ConfigException>(() => DirectorConfig.Load(path));
            Assert.Equal($"{path}:25: services[0].reals[1].weight: 70000 is out of range 0..65535", Assert.Single(e.Errors).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Load("/nonexistent/dir.yaml"));

        Assert.Equal("/nonexistent/dir.yaml: no such file", e.Message);
    }
}
