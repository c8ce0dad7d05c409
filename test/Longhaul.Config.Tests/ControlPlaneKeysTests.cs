using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Config.Tests;

/// <summary>The keys issue 4 added (admin, metrics, timeouts, state file, flags, netmask, health checks) reach the model.</summary>
public sealed class ControlPlaneKeysTests
{
    private static DirectorConfig Full() =>
        DirectorConfig.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Valid", "full.yaml")), "full.yaml");

    [Fact]
    public void Parse_DirectorKeys_FillTheSettings()
    {
        DirectorSettings d = Full().Director;

        Assert.Equal("/run/longhaul/dir1.sock", d.AdminSocket);
        Assert.Equal("127.0.0.1:9470", d.AdminListen);
        Assert.Equal("0123456789abcdef0123", d.AdminToken);
        Assert.Equal("[::1]:9464", d.MetricsListen);
        Assert.Equal("/var/lib/longhaul/dir1.yaml", d.StateFile);
        Assert.Equal(TimeSpan.FromSeconds(600), d.Timeouts.TcpEstablished);
        Assert.Equal(TimeSpan.FromSeconds(60), d.Timeouts.TcpClosing);
        Assert.Equal(TimeSpan.FromSeconds(10), d.Timeouts.TcpSyn);
        Assert.Equal(TimeSpan.FromSeconds(120), d.Timeouts.Udp);
    }

    [Fact]
    public void Parse_NoAdminKeys_DefaultsToASocketNamedForTheDirectorAndNoListeners()
    {
        DirectorConfig config = DirectorConfig.Parse(
            "director:\n  name: edge2\n  tunnel-source: 192.0.2.2\nservices: []\n", "d.yaml");

        Assert.Equal("/run/longhaul/edge2.sock", config.Director.AdminSocket);
        Assert.Null(config.Director.AdminListen);
        Assert.Null(config.Director.MetricsListen);
        Assert.Equal("d.yaml", config.StatePath);
    }

    [Fact]
    public void Parse_ServiceKeys_MapFlagsNetmaskAndChecks()
    {
        DirectorConfig config = Full();
        ServiceDefinition https = config.Balancer.Services[0];
        ServiceDefinition dns = config.Balancer.Services[1];

        Assert.Equal(SchedulerKind.SourceHashing, https.Scheduler);
        Assert.True(https.HashSourcePort);
        Assert.True(https.Fallback);
        Assert.Equal(new PersistenceSettings(TimeSpan.FromSeconds(360), 24, 64), https.Persistence);
        Assert.False(dns.HashSourcePort);
        Assert.True(dns.Fallback);

        ServiceSettings settings = config.SettingsFor(https.Key);
        Assert.Equal(2, settings.Quorum);
        Assert.Equal(NetAddress.Parse("100.64.9.2"), settings.SorryServer);
        HealthCheckSettings check = settings.HealthCheck!;
        Assert.Equal(HealthCheckKind.Https, check.Kind);
        Assert.Equal((ushort)8443, check.Port);
        Assert.Equal("/healthz", check.Path);
        Assert.Equal(204, check.Status);
        Assert.Equal("ok: ready", check.BodyContains);
        Assert.Equal(TimeSpan.FromSeconds(2.5), check.Interval);
        Assert.Equal(0.25, check.Jitter);
        Assert.Equal(FailureAction.Remove, check.OnFailure);
    }

    [Fact]
    public void Parse_RealOverrides_EncapsulationAndCheckMergedOverTheService()
    {
        DirectorConfig config = Full();
        ServiceDefinition https = config.Balancer.Services[0];
        ServiceSettings settings = config.SettingsFor(https.Key);

        Assert.Equal(TunnelKind.Ipip, https.Reals[0].Tunnel);
        Assert.Null(https.Reals[1].Tunnel);
        Assert.Equal((ushort)443, https.Reals[0].Port);
        Assert.Same(settings.HealthCheck, settings.CheckFor(https.Reals[0].Address));

        // Only port and fall overridden: everything else inherited from the service's https check.
        HealthCheckSettings merged = settings.CheckFor(https.Reals[1].Address)!;
        Assert.Equal(settings.HealthCheck! with { Port = 9443, Fall = 5 }, merged);

        // A different kind starts from that kind's defaults, not from the service's https settings.
        HealthCheckSettings exec = settings.CheckFor(https.Reals[2].Address)!;
        Assert.Equal(HealthCheckKind.Exec, exec.Kind);
        Assert.Equal("/usr/local/bin/check.sh --real 2001:db8:3::2", exec.Command);
        Assert.Null(exec.BodyContains);
    }

    [Theory]
    [InlineData("255.255.255.0", 24)]
    [InlineData("255.255.0.0", 16)]
    [InlineData("/20", 20)]
    [InlineData("0", 0)]
    [InlineData("255.255.255.255", 32)]
    public void Parse_PersistenceNetmask_BecomesAPrefixLength(string mask, int prefix)
    {
        DirectorConfig config = DirectorConfig.Parse(
            $"director:\n  tunnel-source: 192.0.2.2\nservices:\n  - protocol: tcp\n    vip: 203.0.113.10\n    port: 0\n    persistence-timeout: 60\n    persistence-netmask: \"{mask}\"\n    reals: []\n",
            "d.yaml");

        Assert.Equal(prefix, config.Balancer.Services[0].Persistence!.PrefixLengthV4);
    }
}
