using Longhaul.Config;
using Longhaul.Director.Announce;
using Longhaul.Director.Metrics;
using Longhaul.Director.Tests.Control;
using Longhaul.Health;
using Longhaul.Health.Probes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longhaul.Director.Tests.Announce;

public sealed class VipAnnouncerTests
{
    private const string Vip4 = "203.0.113.10/32";
    private const string Vip6 = "2001:db8:f::10/128";

    private static readonly AnnounceSettings s_settings = new(1000);

    /// <summary>Two VIPs: tcp :80 and :443 on the IPv4 one, udp :53 on the IPv6 one; quorum as given for :443.</summary>
    private static DirectorConfig Config(int httpsQuorum = 1, string httpsCheck = "") => DirectorConfig.Parse(
        $"""
        director:
          tunnel-source: 192.0.2.2
          tunnel-source-v6: 2001:db8:d::2
          workers: 2
        announce: {"{"}table: 1000{"}"}
        services:
          - protocol: tcp
            vip: 203.0.113.10
            port: 80
            reals:
              - address: 100.64.1.2
          - protocol: tcp
            vip: 203.0.113.10
            port: 443
            quorum: {httpsQuorum}
        {httpsCheck}
            reals:
              - address: 100.64.1.2
              - address: 100.64.2.2
          - protocol: udp
            vip: 2001:db8:f::10
            port: 53
            reals:
              - address: 2001:db8:1::2
        """,
        "announce.yaml");

    [Fact]
    public async Task StepAsync_WorkersTurning_AnnouncesEveryVipOnceAndCountsIt()
    {
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes();
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, new ManualTimeProvider());
        plane.Turn();

        await announcer.StepAsync();
        await announcer.StepAsync();

        Assert.Equal(["replace " + Vip4, "replace " + Vip6], routes.Calls);
        Assert.Equal(2, announcer.Changes);
        Assert.All(announcer.Status, s => Assert.True(s.Announce));
        Assert.Equal(1, plane.Invocations);
    }

    [Fact]
    public async Task StepAsync_WorkersNeverTurned_AnnouncesNothing()
    {
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes();
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, new ManualTimeProvider());

        await announcer.StepAsync();

        Assert.Empty(routes.Table);
        Assert.Equal(0, announcer.Changes);
        Assert.All(announcer.Status, s => Assert.Equal("data path not working: worker 0 has not started its loop", s.Reason));
    }

    [Fact]
    public async Task StepAsync_OneWorkerStalls_WithdrawsBothVipsAndAnnouncesAgainWhenItTurns()
    {
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes();
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, new ManualTimeProvider());
        plane.Turn();
        await announcer.StepAsync();

        plane.Now += 2_500;
        plane.Io[0].Heartbeat = plane.Now;
        await announcer.StepAsync();
        Assert.Empty(routes.Table);
        Assert.All(announcer.Status, s => Assert.StartsWith("data path not working: worker 1 has not turned its loop for 2.5 s", s.Reason, StringComparison.Ordinal));

        plane.Turn();
        await announcer.StepAsync();
        Assert.Equal([Vip6, Vip4], routes.Table.Order(StringComparer.Ordinal));
        Assert.Equal(6, announcer.Changes);
    }

    [Fact]
    public async Task StepAsync_NothingChanges_ReassertsTheRoutesEveryFewSecondsWithoutCountingAChange()
    {
        var clock = new ManualTimeProvider();
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes();
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, clock);
        plane.Turn();
        await announcer.StepAsync();
        routes.Table.Clear(); // an operator flushed the table

        clock.Advance(VipAnnouncer.Reassert - TimeSpan.FromMilliseconds(1));
        await announcer.StepAsync();
        Assert.Empty(routes.Table);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await announcer.StepAsync();

        Assert.Equal([Vip6, Vip4], routes.Table.Order(StringComparer.Ordinal));
        Assert.Equal(2, announcer.Changes);
    }

    [Fact]
    public async Task StepAsync_RouteRefused_RetriesAtTheNextLook()
    {
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes { Fail = true };
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, new ManualTimeProvider());
        plane.Turn();
        await announcer.StepAsync();
        Assert.Equal(0, announcer.Changes);

        routes.Fail = false;
        await announcer.StepAsync();

        Assert.Equal([Vip6, Vip4], routes.Table.Order(StringComparer.Ordinal));
        Assert.Equal(2, announcer.Changes);
    }

    [Fact]
    public async Task Stop_WithdrawsEverythingAndALaterLookAnnouncesNothing()
    {
        var plane = new HeartbeatPlane(Config());
        var routes = new FakeAnnounceRoutes();
        var announcer = new VipAnnouncer(plane, s_settings, routes, () => null, NullLogger.Instance, new ManualTimeProvider());
        plane.Turn();
        await announcer.StepAsync();

        announcer.Dispose();
        await announcer.StepAsync();

        Assert.Empty(routes.Table);
        Assert.Equal(["replace " + Vip4, "replace " + Vip6, "del " + Vip4, "del " + Vip6], routes.Calls);
        Assert.All(announcer.Status, s => Assert.Equal("director stopping", s.Reason));
    }

    /// <summary>
    /// The whole chain with the real health monitor: :443 wants 3 healthy reals of its 2, so it is below quorum
    /// from the start. :80 on the same VIP has no check, so the VIP stays announced; the metrics say so.
    /// </summary>
    [Fact]
    public async Task StepAsync_OneServiceOfAVipBelowQuorum_KeepsTheVipAndExportsTheState()
    {
        DirectorConfig config = Config(httpsQuorum: 3, httpsCheck: "    health-check: {kind: tcp, interval: 60}");
        var plane = new HeartbeatPlane(config);
        var routes = new FakeAnnounceRoutes();
        await using var monitor = new HealthMonitor(new NoActions(), NullLogger.Instance, probes: _ => new PassingProbe());
        await monitor.ApplyAsync(HealthPlan.From(config.Balancer, config.ServiceSettings));
        using var announcer = new VipAnnouncer(plane, s_settings, routes, () => monitor.View, NullLogger.Instance, new ManualTimeProvider());
        plane.Turn();

        await announcer.StepAsync();

        Assert.True(monitor.View.IsBelowQuorum(config.Balancer.Services[1].Key));
        VipDecision vip4 = announcer.Status.Single(s => s.Prefix == Vip4);
        Assert.True(vip4.Announce);
        Assert.Equal("data path works, at quorum: tcp/203.0.113.10:80 (below quorum: tcp/203.0.113.10:443)", vip4.Reason);
        string metrics = new PrometheusExporter(plane, () => monitor.View, () => announcer).Export();
        Assert.Contains("longhaul_vip_announced{vip=\"203.0.113.10\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("longhaul_vip_announced{vip=\"2001:db8:f::10\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("longhaul_announce_changes_total 2\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NoAnnouncer_WritesNoVipSeriesAndZeroChanges()
    {
        string metrics = new PrometheusExporter(new HeartbeatPlane(Config())).Export();

        Assert.DoesNotContain("longhaul_vip_announced{", metrics, StringComparison.Ordinal);
        Assert.Contains("longhaul_announce_changes_total 0\n", metrics, StringComparison.Ordinal);
    }

    private sealed class NoActions : IHealthActions
    {
        public void SetRealHealth(Balancing.Model.ServiceKey service, Packets.NetAddress real, bool healthy)
        {
        }

        public void SetBelowQuorum(Balancing.Model.ServiceKey service, bool belowQuorum)
        {
        }
    }

    private sealed class PassingProbe : IHealthProbe
    {
        public Task<ProbeResult> ProbeAsync(CancellationToken cancellation) => Task.FromResult(ProbeResult.Ok);
    }
}
