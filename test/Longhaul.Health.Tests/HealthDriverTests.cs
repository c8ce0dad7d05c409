using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;
using Microsoft.Extensions.Logging.Abstractions;
using static Longhaul.Health.Tests.TestPlans;

namespace Longhaul.Health.Tests;

public sealed class HealthDriverTests
{
    [Fact]
    public async Task Apply_ThenRealFails_PublishesSteeredSnapshotsThatDrainIt()
    {
        var time = new ManualTimeProvider();
        var probes = new Dictionary<NetAddress, FakeProbe>();
        ForwardingSnapshot? current = null;
        await using var driver = new HealthDriver(
            (definition, routes) =>
            {
                current = SnapshotCompiler.Compile(definition, current).WithSteering(routes);
                return Task.CompletedTask;
            },
            NullLogger.Instance,
            time,
            probes: t => probes[t.Real] = new FakeProbe(time));
        BalancerDefinition configured = Definition(3);

        await driver.ApplyAsync(configured, Settings(Check(HealthCheckKind.Tunnel, fall: 2)));
        Assert.NotNull(current);
        Assert.Equal(3, current.Steering.Routes.Count);
        Assert.True(driver.DataPathHealthy);

        probes[RealAddress(3)].Answer = FakeProbe.Mode.Fail;
        time.Advance(TimeSpan.FromSeconds(10));

        CompiledReal failed = current.Services[0].SchedulerOrder.Single(r => r.Address == RealAddress(3));
        Assert.False(failed.AcceptsNewFlows);
        Assert.True(failed.KeepsFlows);

        // Its probe is still steered to it, so it can come back.
        Assert.Equal(failed.RealId, current.Steering.FindReal(DirectorV4, current.Steering.Routes.Single(r => r.Real == RealAddress(3)).SourcePort));
        probes[RealAddress(3)].Answer = FakeProbe.Mode.Pass;
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(current.Services[0].SchedulerOrder.Single(r => r.Address == RealAddress(3)).AcceptsNewFlows);
    }

    [Fact]
    public async Task Effective_AdminChangeWhileRealDown_KeepsItDown()
    {
        var time = new ManualTimeProvider();
        var probes = new Dictionary<NetAddress, FakeProbe>();
        await using var driver = new HealthDriver((_, _) => Task.CompletedTask, NullLogger.Instance, time, probes: t => probes[t.Real] = new FakeProbe(time));
        var settings = Settings(Check(fall: 1, onFailure: FailureAction.Remove));
        await driver.ApplyAsync(Definition(2), settings);
        probes[RealAddress(1)].Answer = FakeProbe.Mode.Fail;
        time.Advance(TimeSpan.FromSeconds(5));

        BalancerDefinition edited = Definition(2) with
        {
            Services = [Definition(2).Services[0] with { Scheduler = Balancing.Scheduling.SchedulerKind.RoundRobin }],
        };
        BalancerDefinition effective = driver.Effective(edited, settings);

        Assert.Equal(RealState.Down, effective.Services[0].Reals[0].State);
        Assert.Equal(Balancing.Scheduling.SchedulerKind.RoundRobin, effective.Services[0].Scheduler);
    }
}
