using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;
using static Longhaul.Health.Tests.TestPlans;

namespace Longhaul.Health.Tests;

public sealed class HealthPlanTests
{
    [Fact]
    public void From_TunnelChecks_PortsFromTheFirstProbePortAndTheDirectorAddress()
    {
        HealthPlan plan = HealthPlan.From(Definition(3), Settings(Check(HealthCheckKind.Tunnel)), firstProbePort: 62000);

        Assert.Equal([62000, 62001, 62002], plan.Targets.Select(t => (int)t.ProbeSourcePort));
        Assert.All(plan.Targets, t => Assert.Equal(DirectorV4, t.ProbeSource));
        Assert.All(plan.Targets, t => Assert.Equal(80, t.Port));
    }

    [Fact]
    public void From_PerRealOverride_UsedForThatRealOnly()
    {
        var overrides = new Dictionary<NetAddress, HealthCheckSettings> { [RealAddress(2)] = Check(HealthCheckKind.Exec) };
        HealthPlan plan = HealthPlan.From(Definition(3), Settings(Check(HealthCheckKind.Tcp), overrides: overrides));

        Assert.Equal(
            [HealthCheckKind.Tcp, HealthCheckKind.Exec, HealthCheckKind.Tcp],
            plan.Targets.Select(t => t.Check.Kind));
    }

    [Fact]
    public void From_TunnelCheckOnUdpService_NotCheckedWithAWarning()
    {
        var settings = new Dictionary<ServiceKey, ServiceSettings>
        {
            [new ServiceKey(IpProtocol.Udp, Vip, 80)] = new(Check(HealthCheckKind.Tunnel)),
        };
        HealthPlan plan = HealthPlan.From(Definition(2, IpProtocol.Udp), settings);

        Assert.Empty(plan.Targets);
        Assert.Equal(2, plan.Warnings.Count);
        Assert.Contains("tunnel checks are TCP", plan.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void From_ServiceWithoutCheck_QuorumPlanOnly()
    {
        HealthPlan plan = HealthPlan.From(Definition(2), new Dictionary<ServiceKey, ServiceSettings>());

        Assert.Empty(plan.Targets);
        ServicePlan service = Assert.Single(plan.Services);
        Assert.Equal(2, service.Reals.Count(r => r.InService));
    }

    [Fact]
    public void WantsHttp_DefaultTunnelCheck_IsTcpConnect()
    {
        Assert.False(ProbeFactory.WantsHttp(Check(HealthCheckKind.Tunnel)));
        Assert.True(ProbeFactory.WantsHttp(Check(HealthCheckKind.Tunnel) with { Path = "/healthz" }));
        Assert.True(ProbeFactory.WantsHttp(Check(HealthCheckKind.Tunnel) with { BodyContains = "ok" }));
    }
}
