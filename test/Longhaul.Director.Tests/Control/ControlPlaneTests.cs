using Longhaul.Balancing.Model;
using Longhaul.Balancing.Simulation;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;
using Longhaul.Packets;
using static Longhaul.Director.Tests.Control.ControlFixture;

namespace Longhaul.Director.Tests.Control;

/// <summary>Runtime edits through the admin protocol: all or nothing, written back, flows kept.</summary>
public sealed class ControlPlaneTests
{
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.7");

    private static AdminRequest Real(string op, string real, int? weight = null) =>
        new() { Op = op, Protocol = "tcp", Service = "203.0.113.10:80", Real = real, Weight = weight };

    [Fact]
    public async Task AddReal_ValidEdit_PublishesANewVersionAndWritesAFileThatLoadsTheSame()
    {
        using var f = new ControlFixture();

        AdminResponse response = await f.Handler.HandleAsync(Real("add-real", "100.64.3.2", 5) with { DataCenter = "ap-south" }, null);

        Assert.True(response.Ok, response.Error);
        Assert.Equal(2, response.ConfigVersion);
        Assert.Equal(2, f.Plane.Snapshot.Version);
        DirectorConfig reloaded = DirectorConfig.Load(f.ConfigPath);
        RealDefinition added = reloaded.Balancer.Services[0].Reals[2];
        Assert.Equal(new RealDefinition(RealC, Weight: 5, DataCenter: "ap-south"), added);
        Assert.Equal(ConfigYamlWriter.ToYaml(f.Control.Config), File.ReadAllText(f.ConfigPath));
        Assert.Empty(Directory.GetFiles(f.Directory, "*.tmp"));
    }

    [Theory]
    [InlineData("edit-real", "100.64.1.2", 70000, "weight: 70000 is out of range 0..65535")]
    [InlineData("add-real", "2001:db8::5", 1, "is IPv6, so the director needs director.tunnel-source-v6")]
    [InlineData("add-real", "100.64.1.2", 1, "real 100.64.1.2 is already in service TCP 203.0.113.10:80")]
    [InlineData("edit-real", "100.64.9.9", 1, "service TCP 203.0.113.10:80 has no real 100.64.9.9")]
    public async Task Edit_Invalid_LeavesTheVersionTheSnapshotAndTheFileUnchanged(string op, string real, int weight, string error)
    {
        using var f = new ControlFixture();
        string before = File.ReadAllText(f.ConfigPath);
        var snapshot = f.Plane.Snapshot;

        AdminResponse response = await f.Handler.HandleAsync(Real(op, real, weight), null);

        Assert.False(response.Ok);
        Assert.Contains(error, response.Error, StringComparison.Ordinal);
        Assert.Equal(1, response.ConfigVersion);
        Assert.Same(snapshot, f.Plane.Snapshot);
        Assert.Equal(before, File.ReadAllText(f.ConfigPath));
    }

    [Fact]
    public async Task EditWeightAndDrain_EstablishedFlowsStayOnTheirReals_NewFlowsAvoidTheDrainedOne()
    {
        using var f = new ControlFixture();
        var placed = new Dictionary<ushort, NetAddress>();
        for (ushort port = 40000; port < 40064; port++)
        {
            placed[port] = f.Connect(port % 2, s_client, port);
        }

        Assert.Contains(RealA, placed.Values);
        Assert.Contains(RealB, placed.Values);

        Assert.True((await f.Handler.HandleAsync(Real("edit-real", "100.64.1.2", 5), null)).Ok);
        Assert.True((await f.Handler.HandleAsync(Real("drain-real", "100.64.2.2"), null)).Ok);

        foreach ((ushort port, NetAddress real) in placed)
        {
            Assert.Equal(real, f.Send(port % 2, s_client, port, 80, SyntheticPackets.Ack, 10));
        }

        for (ushort port = 50000; port < 50064; port++)
        {
            Assert.Equal(RealA, f.Connect(port % 2, s_client, port));
        }

        Assert.Equal(RealState.Draining, DirectorConfig.Load(f.ConfigPath).Balancer.Services[0].Reals[1].State);
        Assert.Equal(3, f.Plane.Snapshot.Version);
    }

    [Fact]
    public async Task RemoveRealWithDrain_WaitsForActiveConnectionsToEndThenRemoves()
    {
        using var f = new ControlFixture();
        ushort port = 40000;
        while (f.Connect(0, s_client, port) != RealB)
        {
            port++;
        }

        Task<AdminResponse> removal = f.Handler.HandleAsync(Real("remove-real", "100.64.2.2") with { Drain = true, TimeoutSeconds = 20 }, null);
        await WaitUntil(() => f.Plane.Snapshot.Version == 2);
        Assert.Equal(RealState.Draining, f.Plane.Snapshot.Services[0].Definition.Reals[1].State);
        Assert.False(removal.IsCompleted);

        // The established flow still reaches its real while draining; its FIN ends it.
        Assert.Equal(RealB, f.Send(0, s_client, port, 80, SyntheticPackets.Ack, 10));
        Assert.Equal(RealB, f.Send(0, s_client, port, 80, SyntheticPackets.Fin | SyntheticPackets.Ack));
        AdminResponse response = await removal.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(response.Ok, response.Error);
        Assert.Equal(3, response.ConfigVersion);
        Assert.DoesNotContain(f.Plane.Snapshot.Services[0].Definition.Reals, r => r.Address == RealB);
        Assert.DoesNotContain(DirectorConfig.Load(f.ConfigPath).Balancer.Services[0].Reals, r => r.Address == RealB);
    }

    [Fact]
    public async Task ServiceEdits_AddEditRemove_RoundTripThroughTheFile()
    {
        using var f = new ControlFixture();
        var service = new AdminRequest { Op = "add-service", Protocol = "udp", Service = "203.0.113.10:53", Scheduler = "sh", Flags = ["sh-port"] };

        Assert.True((await f.Handler.HandleAsync(service, null)).Ok);
        Assert.True((await f.Handler.HandleAsync(service with { Op = "add-real", Real = "100.64.1.2", Flags = null, Scheduler = null }, null)).Ok);
        Assert.True((await f.Handler.HandleAsync(service with { Op = "edit-service", Scheduler = "wlc", Flags = null, Persistence = 60, Netmask = "/24" }, null)).Ok);

        ServiceDefinition dns = DirectorConfig.Load(f.ConfigPath).Balancer.Services[2];
        Assert.Equal(Balancing.Scheduling.SchedulerKind.WeightedLeastConnection, dns.Scheduler);
        Assert.False(dns.HashSourcePort);
        Assert.Equal(new PersistenceSettings(TimeSpan.FromSeconds(60), 24), dns.Persistence);
        Assert.Single(dns.Reals);

        AdminResponse wrongFlag = await f.Handler.HandleAsync(service with { Op = "edit-service", Scheduler = null, Flags = ["sh-port"] }, null);
        Assert.False(wrongFlag.Ok);
        Assert.Equal("sh-port applies to the sh scheduler only, not wlc", wrongFlag.Error);

        Assert.True((await f.Handler.HandleAsync(new AdminRequest { Op = "remove-service", Protocol = "udp", Service = "203.0.113.10:53" }, null)).Ok);
        Assert.Equal(2, DirectorConfig.Load(f.ConfigPath).Balancer.Services.Count);
        Assert.Equal(5, f.Plane.Snapshot.Version);
    }

    [Fact]
    public async Task Reload_InvalidFile_IsRefusedWhole_ValidFileIsApplied()
    {
        using var f = new ControlFixture();
        File.WriteAllText(f.ConfigPath, ControlFixture.Yaml().Replace("weight: 1\n        dc: us-east", "weight: 99999\n        dc: us-east", StringComparison.Ordinal));

        AdminResponse refused = await f.Handler.HandleAsync(new AdminRequest { Op = "reload" }, null);

        Assert.False(refused.Ok);
        Assert.Contains("services[0].reals[0].weight: 99999 is out of range 0..65535", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, f.Plane.Snapshot.Version);

        File.WriteAllText(f.ConfigPath, ControlFixture.Yaml(webScheduler: "rr"));
        AdminResponse applied = await f.Handler.HandleAsync(new AdminRequest { Op = "reload" }, null);

        Assert.True(applied.Ok, applied.Error);
        Assert.Equal(2, f.Plane.Snapshot.Version);
        Assert.Equal(Balancing.Scheduling.SchedulerKind.RoundRobin, f.Plane.Snapshot.Services[0].Definition.Scheduler);
    }

    [Fact]
    public async Task Handle_WrongToken_IsRefusedBeforeAnythingRuns()
    {
        using var f = new ControlFixture();

        AdminResponse refused = await f.Handler.HandleAsync(new AdminRequest { Op = "zero", Token = "guess" }, requiredToken: "0123456789abcdef");
        AdminResponse accepted = await f.Handler.HandleAsync(new AdminRequest { Op = "list", Token = "0123456789abcdef" }, requiredToken: "0123456789abcdef");

        Assert.False(refused.Ok);
        Assert.StartsWith("unauthorized", refused.Error, StringComparison.Ordinal);
        Assert.True(accepted.Ok);
    }

    [Fact]
    public async Task ListZeroAndSave_ShowCountersSinceZeroAndTheIpvsadmRules()
    {
        using var f = new ControlFixture();
        for (ushort port = 40000; port < 40010; port++)
        {
            f.Connect(0, s_client, port);
        }

        ServiceEntry web = f.Control.List().Services[0];
        Assert.Equal(10, web.Conns);
        Assert.Equal(20, web.InPkts);
        Assert.Equal(10, web.Reals.Sum(r => r.ActiveConn));
        Assert.Equal(10, web.Reals.Sum(r => r.Conns));
        Assert.Equal(16, web.MaglevFingerprint.Length);
        Assert.Equal(65537, web.Reals.Sum(r => r.MaglevSlots));

        Assert.True((await f.Handler.HandleAsync(new AdminRequest { Op = "zero" }, null)).Ok);
        f.Connect(1, s_client, 41000);
        web = f.Control.List().Services[0];
        Assert.Equal(1, web.Conns);
        Assert.Equal(2, web.InPkts);
        Assert.Equal(11, web.Reals.Sum(r => r.ActiveConn));

        AdminResponse save = await f.Handler.HandleAsync(new AdminRequest { Op = "save" }, null);
        Assert.StartsWith("-A -t 203.0.113.10:80 -s mh", save.Message, StringComparison.Ordinal);
        Assert.Contains("-a -t 203.0.113.10:80 -r 100.64.1.2:80 -i -w 1", save.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tick_TwoSamples_GiveRatesPerSecond()
    {
        var clock = new ManualTimeProvider();
        using var f = new ControlFixture();
        using var control = new ControlPlane(f.Plane, f.Config, clock: clock);
        control.Tick();
        for (ushort port = 40000; port < 40008; port++)
        {
            f.Connect(0, s_client, port);
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        control.Tick();

        ServiceEntry web = control.List().Services[0];
        Assert.Equal(4, web.Cps);
        Assert.Equal(8, web.InPps);
    }

    [Fact]
    public void Flows_FilteredAndBounded()
    {
        using var f = new ControlFixture();
        int toA = 0;
        for (ushort port = 40000; port < 40020; port++)
        {
            toA += f.Connect(port % 2, s_client, port) == RealA ? 1 : 0;
        }

        FlowsResult all = f.Control.Flows(new FlowFilter(), 5);
        FlowsResult onA = f.Control.Flows(new FlowFilter(Real: RealA), 100);
        FlowsResult https = f.Control.Flows(new FlowFilter(Vip, 443), 100);

        Assert.Equal(20, all.Matched);
        Assert.Equal(5, all.Flows.Count);
        Assert.True(all.Truncated);
        Assert.Equal(toA, onA.Flows.Count);
        Assert.All(onA.Flows, flow => Assert.StartsWith("100.64.1.2:", flow.Real, StringComparison.Ordinal));
        Assert.All(onA.Flows, flow => Assert.Equal("ESTABLISHED", flow.State));
        Assert.Empty(https.Flows);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
