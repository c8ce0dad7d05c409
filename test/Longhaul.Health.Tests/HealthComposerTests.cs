using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;
using Microsoft.Extensions.Logging.Abstractions;
using static Longhaul.Health.Tests.TestPlans;

namespace Longhaul.Health.Tests;

public sealed class HealthComposerTests
{
    private static async Task<HealthView> ViewWithDown(
        BalancerDefinition definition, Dictionary<ServiceKey, ServiceSettings> settings, params int[] down)
    {
        var time = new ManualTimeProvider();
        var probes = new Dictionary<NetAddress, FakeProbe>();
        var monitor = new HealthMonitor(new RecordingActions(time), NullLogger.Instance, time, 0, t => probes[t.Real] = new FakeProbe(time));
        await monitor.ApplyAsync(HealthPlan.From(definition, settings));
        foreach (int i in down)
        {
            probes[RealAddress(i)].Answer = FakeProbe.Mode.Fail;
        }

        time.Advance(TimeSpan.FromSeconds(60));
        HealthView view = monitor.View;
        await monitor.DisposeAsync();
        return view;
    }

    private static RealState StateOf(BalancerDefinition definition, NetAddress address) =>
        definition.Services[0].Reals.Single(r => r.Address == address).State;

    [Fact]
    public async Task Compose_InhibitAndRemove_DrainOrTakeDownTheFailedRealOnly()
    {
        BalancerDefinition configured = Definition(3);
        var settings = Settings(
            Check(fall: 1),
            overrides: new Dictionary<NetAddress, HealthCheckSettings> { [RealAddress(2)] = Check(fall: 1, onFailure: FailureAction.Remove) });
        HealthView view = await ViewWithDown(configured, settings, 1, 2);

        BalancerDefinition effective = HealthComposer.Compose(configured, settings, view);

        Assert.Equal(RealState.Draining, StateOf(effective, RealAddress(1)));
        Assert.Equal(RealState.Down, StateOf(effective, RealAddress(2)));
        Assert.Equal(RealState.Active, StateOf(effective, RealAddress(3)));
        Assert.Equal(RealState.Active, StateOf(configured, RealAddress(1)));
    }

    [Fact]
    public async Task Compose_ConfiguredDownRealThatPasses_StaysDown()
    {
        BalancerDefinition configured = Definition(2) with
        {
            Services = [Definition(2).Services[0] with { Reals = [new RealDefinition(RealAddress(1), 80, State: RealState.Down), new RealDefinition(RealAddress(2), 80)] }],
        };
        var settings = Settings(Check(fall: 1));
        HealthView view = await ViewWithDown(configured, settings);

        Assert.Equal(RealState.Down, StateOf(HealthComposer.Compose(configured, settings, view), RealAddress(1)));
    }

    [Fact]
    public async Task Compose_BelowQuorumWithSorryServer_SorryIsTheOnlyActiveReal()
    {
        BalancerDefinition configured = Definition(3);
        var settings = Settings(Check(fall: 1), quorum: 2, sorry: Sorry);
        HealthView view = await ViewWithDown(configured, settings, 1, 2);

        BalancerDefinition effective = HealthComposer.Compose(configured, settings, view);

        Assert.True(view.IsBelowQuorum(Service));
        Assert.Equal([Sorry], effective.Services[0].Reals.Where(r => r.State == RealState.Active).Select(r => r.Address));
        Assert.Equal(RealState.Draining, StateOf(effective, RealAddress(3)));

        // The compiled snapshot sends every new flow to the sorry server.
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(effective);
        Assert.Equal([Sorry], snapshot.Services[0].SchedulerOrder.Where(r => r.AcceptsNewFlows).Select(r => r.Address));
    }

    [Fact]
    public async Task Compose_AtQuorum_SorryServerPresentButTakesNothingNew()
    {
        BalancerDefinition configured = Definition(3);
        var settings = Settings(Check(fall: 1), quorum: 2, sorry: Sorry);
        HealthView view = await ViewWithDown(configured, settings, 1);

        BalancerDefinition effective = HealthComposer.Compose(configured, settings, view);

        Assert.False(view.IsBelowQuorum(Service));
        RealDefinition sorry = effective.Services[0].Reals.Single(r => r.Address == Sorry);
        Assert.Equal(RealState.Draining, sorry.State);
        Assert.Equal(HealthComposer.SorryDataCenter, sorry.DataCenter);
        Assert.Equal(RealState.Active, StateOf(effective, RealAddress(2)));
    }

    [Fact]
    public async Task Compose_BelowQuorumWithoutSorryServer_HealthyRealsKeepServing()
    {
        BalancerDefinition configured = Definition(3);
        var settings = Settings(Check(fall: 1), quorum: 3);
        HealthView view = await ViewWithDown(configured, settings, 1);

        BalancerDefinition effective = HealthComposer.Compose(configured, settings, view);

        Assert.True(view.IsBelowQuorum(Service));
        Assert.Equal(3, effective.Services[0].Reals.Count);
        Assert.Equal(RealState.Active, StateOf(effective, RealAddress(2)));
    }
}
