using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Forwarding.TestDeployment;

namespace Longhaul.Balancing.Tests.Forwarding;

public sealed class HealthSteeringTests
{
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.7");
    private static readonly ServiceKey s_service = new(IpProtocol.Tcp, Vip, 80);

    private static SteeringRoute Route(ushort port, RealDefinition real) => new(DirectorV4, port, s_service, real.Address);

    [Theory]
    [InlineData(RealState.Active, 1)]
    [InlineData(RealState.Active, 0)]
    [InlineData(RealState.Draining, 1)]
    [InlineData(RealState.Down, 1)]
    public void Process_ProbeFromDirectorPort_ForwardsToItsRealWhateverWeightOrState(RealState state, int weight)
    {
        RealDefinition[] reals = [Real("100.64.0.1"), Real("100.64.0.2", weight, state), Real("100.64.0.3")];
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals)).WithSteering([Route(61000, reals[1])]);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        foreach (byte flags in new[] { SyntheticPackets.Syn, SyntheticPackets.Ack, SyntheticPackets.Fin })
        {
            Verdict verdict = Send(worker, snapshot, buffer, DirectorV4, 61000, flags, out PacketResult result);
            Assert.Equal(Verdict.Forward, verdict);
            Assert.Equal(reals[1].Address, result.NextHop);
        }

        Assert.Equal(3, worker.Counters.HealthProbePackets);
    }

    [Fact]
    public void Process_Probe_NotInFlowTableNorClientCounters()
    {
        RealDefinition[] reals = Reals(3);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals)).WithSteering([Route(61000, reals[0])]);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Send(worker, snapshot, buffer, DirectorV4, 61000, SyntheticPackets.Syn, out PacketResult result);

        Assert.Equal(Verdict.Forward, result.Verdict);
        Assert.Equal(0, worker.Flows.Occupied);
        Assert.Equal(0, worker.Counters.FlowMisses);
        Assert.Equal(0, worker.Counters.Forwarded);
        Assert.Equal(0, worker.Counters.ServicePackets[snapshot.Services[0].ServiceId]);
        Assert.Equal(0, worker.Counters.RealPackets[result.RealId]);
        Assert.Equal(0, worker.Connections.Active(result.RealId));
        Assert.Equal(1, worker.Counters.HealthProbePackets);
        Assert.True(worker.Counters.HealthProbeBytes > 0);
    }

    [Fact]
    public void Process_ClientOnTheProbePortOrDirectorOnAnotherPort_TakesTheClientPath()
    {
        RealDefinition[] reals = Reals(3);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals)).WithSteering([Route(61000, reals[0])]);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Send(worker, snapshot, buffer, s_client, 61000, SyntheticPackets.Syn, out _);
        Send(worker, snapshot, buffer, DirectorV4, 40000, SyntheticPackets.Syn, out _);

        Assert.Equal(0, worker.Counters.HealthProbePackets);
        Assert.Equal(2, worker.Counters.FlowInserts);
    }

    [Fact]
    public void Process_ProbeOfAnotherServicesReal_DroppedUnrouted()
    {
        RealDefinition[] reals = Reals(2);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals, port: 80)).WithSteering([Route(61000, reals[0])]);
        ForwardingWorker worker = Worker();

        // The route is for TCP VIP:80, but this service is TCP VIP:443: the snapshot has no such real for it.
        ForwardingSnapshot other = SnapshotCompiler.Compile(Definition(reals, port: 443), snapshot);
        Verdict verdict = Send(worker, other, NewBuffer(), DirectorV4, 61000, SyntheticPackets.Syn, out PacketResult result, port: 443);

        Assert.Equal(Verdict.Drop, verdict);
        Assert.Equal(DropReason.HealthProbeUnrouted, result.Drop);
    }

    [Fact]
    public void Compile_RealRemovedThenReadded_RouteDropsThenSteersAgain()
    {
        RealDefinition[] reals = Reals(3);
        ForwardingSnapshot first = SnapshotCompiler.Compile(Definition(reals)).WithSteering([Route(61000, reals[2])]);
        ForwardingSnapshot removed = SnapshotCompiler.Compile(Definition([reals[0], reals[1]]), first);
        ForwardingSnapshot readded = SnapshotCompiler.Compile(Definition(reals), removed);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Send(worker, removed, buffer, DirectorV4, 61000, SyntheticPackets.Syn, out PacketResult gone);
        Send(worker, readded, buffer, DirectorV4, 61000, SyntheticPackets.Syn, out PacketResult back);

        Assert.Equal(-2, removed.Steering.FindReal(DirectorV4, 61000));
        Assert.Equal(DropReason.HealthProbeUnrouted, gone.Drop);
        Assert.Equal(reals[2].Address, back.NextHop);
    }

    [Fact]
    public void WithSteering_KeepsVersionAndServices()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingSnapshot steered = snapshot.WithSteering([Route(61000, Reals(2)[0])]);

        Assert.Equal(snapshot.Version, steered.Version);
        Assert.Same(snapshot.Services[0], steered.Services[0]);
        Assert.Same(HealthSteering.Empty, snapshot.Steering);
        Assert.Single(steered.Steering.Routes);
    }

    [Fact]
    public void Bind_TwoRoutesOnOnePortOrTwoSources_Throws()
    {
        RealDefinition[] reals = Reals(2);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals));

        Assert.Throws<ArgumentException>(() => snapshot.WithSteering([Route(61000, reals[0]), Route(61000, reals[1])]));
        Assert.Throws<ArgumentException>(() => snapshot.WithSteering(
            [Route(61000, reals[0]), new SteeringRoute(NetAddress.Parse("192.0.2.99"), 61001, s_service, reals[1].Address)]));
    }

    [Fact]
    public void FindReal_PortsOutsideTheRangeAndOtherFamily_NoRoute()
    {
        RealDefinition[] reals = Reals(2);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals))
            .WithSteering([Route(61000, reals[0]), Route(61005, reals[1])]);
        HealthSteering steering = snapshot.Steering;

        Assert.True(steering.IsProbeSource(DirectorV4));
        Assert.False(steering.IsProbeSource(s_client));
        Assert.Equal(-1, steering.FindReal(DirectorV4, 60999));
        Assert.Equal(-1, steering.FindReal(DirectorV4, 61003));
        Assert.Equal(-1, steering.FindReal(DirectorV4, 61006));
        Assert.Equal(-1, steering.FindReal(DirectorV6, 61000));
        Assert.NotEqual(steering.FindReal(DirectorV4, 61000), steering.FindReal(DirectorV4, 61005));
    }

    [Fact]
    public void Process_ProbesAndClients_AllocateNothing()
    {
        RealDefinition[] reals = Reals(4);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals)).WithSteering([Route(61000, reals[1])]);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        for (int i = 0; i < 1000; i++)
        {
            Send(worker, snapshot, buffer, DirectorV4, 61000, SyntheticPackets.Ack, out _);
            Send(worker, snapshot, buffer, s_client, (ushort)(1 + i), SyntheticPackets.Syn, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Send(worker, snapshot, buffer, DirectorV4, 61000, SyntheticPackets.Ack, out _);
            Send(worker, snapshot, buffer, s_client, (ushort)(2000 + i), SyntheticPackets.Syn, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
