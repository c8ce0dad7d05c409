using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;
using Microsoft.Extensions.Logging.Abstractions;
using static Longhaul.Health.Tests.TestPlans;

namespace Longhaul.Health.Tests;

public sealed class HealthMonitorTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    private sealed class Rig
    {
        public ManualTimeProvider Time { get; } = new();

        public Dictionary<NetAddress, FakeProbe> Probes { get; } = [];

        public RecordingActions Actions { get; }

        public HealthMonitor Monitor { get; }

        public Rig(int seed = 1)
        {
            Actions = new RecordingActions(Time);
            Monitor = new HealthMonitor(Actions, NullLogger.Instance, Time, seed, target =>
            {
                var probe = new FakeProbe(Time);
                Probes[target.Real] = probe;
                return probe;
            });
        }

        public Task Start(int reals, HealthCheckSettings check, int quorum = 1, NetAddress? sorry = null) =>
            Monitor.ApplyAsync(HealthPlan.From(Definition(reals), Settings(check, quorum, sorry)));
    }

    [Fact]
    public async Task Report_FailingReal_DownAfterFallTimesInterval()
    {
        var rig = new Rig();
        await rig.Start(3, Check(fall: 3));

        rig.Probes[RealAddress(2)].Answer = FakeProbe.Mode.Fail;
        rig.Time.Advance(TimeSpan.FromSeconds(60));

        var change = Assert.Single(rig.Actions.RealChanges);
        Assert.Equal((RealAddress(2), false), (change.Real, change.Healthy));
        Assert.Equal(3 * s_interval, change.At);
        Assert.Equal(HealthStatus.Down, rig.Monitor.View.Find(Service, RealAddress(2))!.Status);
        Assert.True(rig.Monitor.View.IsHealthy(Service, RealAddress(1)));
        Assert.Equal(1, rig.Monitor.Transitions);
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Report_HangingReal_DownWithinFallTimesIntervalPlusTimeout()
    {
        var rig = new Rig();
        await rig.Start(2, Check(fall: 3));

        rig.Probes[RealAddress(1)].Answer = FakeProbe.Mode.Hang;
        rig.Time.Advance(TimeSpan.FromSeconds(60));

        var change = Assert.Single(rig.Actions.RealChanges);
        Assert.Equal((3 * s_interval) + s_timeout, change.At);
        Assert.StartsWith("timeout", rig.Monitor.View.Find(Service, RealAddress(1))!.LastDetail, StringComparison.Ordinal);
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Report_DownRealPassesAgain_UpAfterRiseTimesInterval()
    {
        var rig = new Rig();
        await rig.Start(2, Check(rise: 2, fall: 2));
        rig.Probes[RealAddress(1)].Answer = FakeProbe.Mode.Fail;
        rig.Time.Advance(TimeSpan.FromSeconds(12));
        TimeSpan downAt = Assert.Single(rig.Actions.RealChanges).At;

        rig.Probes[RealAddress(1)].Answer = FakeProbe.Mode.Pass;
        rig.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(2, rig.Actions.RealChanges.Count);
        Assert.True(rig.Actions.RealChanges[1].Healthy);
        Assert.Equal(2 * s_interval, rig.Actions.RealChanges[1].At - downAt);
        Assert.True(rig.Monitor.View.IsHealthy(Service, RealAddress(1)));
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Report_OneFailureAmongPasses_NoChange()
    {
        var rig = new Rig();
        await rig.Start(1, Check(fall: 2));
        FakeProbe probe = rig.Probes[RealAddress(1)];

        for (int i = 0; i < 10; i++)
        {
            probe.Answer = i % 2 == 0 ? FakeProbe.Mode.Fail : FakeProbe.Mode.Pass;
            rig.Time.Advance(s_interval);
        }

        Assert.Empty(rig.Actions.RealChanges);
        Assert.Equal(5, rig.Monitor.View.Find(Service, RealAddress(1))!.Failures);
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Apply_Jitter_SpreadsChecksButNeverStretchesAnInterval()
    {
        var rig = new Rig(seed: 42);
        await rig.Start(10, Check(jitter: 0.5));

        rig.Time.AdvanceInSteps(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));

        var firsts = rig.Probes.Values.Select(p => p.CallTimes[0]).ToList();
        Assert.True(firsts.Distinct().Count() >= 8, "first checks should start at different times");
        Assert.All(firsts, t => Assert.InRange(t, TimeSpan.Zero, s_interval * 0.5));
        foreach (FakeProbe probe in rig.Probes.Values)
        {
            for (int i = 1; i < probe.CallTimes.Count; i++)
            {
                TimeSpan gap = probe.CallTimes[i] - probe.CallTimes[i - 1];
                Assert.InRange(gap, (s_interval * 0.5) - TimeSpan.FromMilliseconds(100), s_interval + TimeSpan.FromMilliseconds(100));
            }
        }

        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Apply_SameSeed_SameSchedule()
    {
        async Task<List<TimeSpan>> Run()
        {
            var rig = new Rig(seed: 7);
            await rig.Start(4, Check(jitter: 0.3));
            rig.Time.AdvanceInSteps(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            await rig.Monitor.DisposeAsync();
            return [.. rig.Probes.OrderBy(p => p.Key).SelectMany(p => p.Value.CallTimes)];
        }

        Assert.Equal(await Run(), await Run());
    }

    [Fact]
    public async Task Report_BelowQuorum_TellsTheDirectorAndBack()
    {
        var rig = new Rig();
        await rig.Start(3, Check(rise: 1, fall: 1), quorum: 2, sorry: Sorry);

        rig.Probes[RealAddress(1)].Answer = FakeProbe.Mode.Fail;
        rig.Time.Advance(s_interval);
        Assert.Empty(rig.Actions.QuorumChanges);

        rig.Probes[RealAddress(2)].Answer = FakeProbe.Mode.Fail;
        rig.Time.Advance(s_interval);
        Assert.Equal((Service, true), (rig.Actions.QuorumChanges[0].Service, rig.Actions.QuorumChanges[0].Below));
        Assert.True(rig.Monitor.View.IsBelowQuorum(Service));

        rig.Probes[RealAddress(2)].Answer = FakeProbe.Mode.Pass;
        rig.Time.Advance(s_interval);
        Assert.False(rig.Actions.QuorumChanges[^1].Below);
        Assert.False(rig.Monitor.View.IsBelowQuorum(Service));
        Assert.Equal(2, rig.Monitor.QuorumChanges);
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Apply_SameCheckAgain_KeepsDownState()
    {
        var rig = new Rig();
        await rig.Start(2, Check(fall: 1));
        rig.Probes[RealAddress(1)].Answer = FakeProbe.Mode.Fail;
        rig.Time.Advance(s_interval);
        Assert.False(rig.Monitor.View.IsHealthy(Service, RealAddress(1)));

        await rig.Start(2, Check(fall: 1));

        Assert.False(rig.Monitor.View.IsHealthy(Service, RealAddress(1)));
        await rig.Start(2, Check(fall: 2));
        Assert.True(rig.Monitor.View.IsHealthy(Service, RealAddress(1)));
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Apply_TunnelChecks_PublishSteeringRoutesAndDataPathHealth()
    {
        var rig = new Rig();
        Assert.Null(rig.Monitor.View.DataPathHealthy);
        await rig.Start(3, Check(HealthCheckKind.Tunnel, fall: 1));

        Assert.Equal(3, rig.Monitor.SteeringRoutes.Count);
        Assert.All(rig.Monitor.SteeringRoutes, r => Assert.Equal(DirectorV4, r.Source));
        Assert.Equal([61000, 61001, 61002], rig.Monitor.SteeringRoutes.Select(r => (int)r.SourcePort));
        Assert.True(rig.Monitor.View.DataPathHealthy);

        foreach (FakeProbe probe in rig.Probes.Values)
        {
            probe.Answer = FakeProbe.Mode.Fail;
        }

        rig.Time.Advance(s_interval);
        Assert.False(rig.Monitor.View.DataPathHealthy);
        await rig.Monitor.DisposeAsync();
    }

    [Fact]
    public async Task Report_ActionThrows_ChecksGoOn()
    {
        var time = new ManualTimeProvider();
        var probe = new FakeProbe(time) { Answer = FakeProbe.Mode.Fail };
        var monitor = new HealthMonitor(new ThrowingActions(), NullLogger.Instance, time, 0, _ => probe);
        await monitor.ApplyAsync(HealthPlan.From(Definition(1), Settings(Check(fall: 1))));

        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(5, probe.Calls);
        await monitor.DisposeAsync();
    }

    private sealed class ThrowingActions : IHealthActions
    {
        public void SetRealHealth(ServiceKey service, NetAddress real, bool healthy) => throw new InvalidOperationException("boom");

        public void SetBelowQuorum(ServiceKey service, bool belowQuorum) => throw new InvalidOperationException("boom");
    }
}
