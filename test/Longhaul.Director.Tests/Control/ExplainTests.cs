using Longhaul.Balancing.Forwarding;
using Longhaul.Director.Control.Protocol;
using Longhaul.Packets;
using static Longhaul.Director.Tests.Control.ControlFixture;

namespace Longhaul.Director.Tests.Control;

/// <summary>ctl explain agrees with what the pipeline does, and changes nothing.</summary>
public sealed class ExplainTests
{
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.7");

    private static FlowKey Flow(ushort clientPort, ushort port = 80) => new(s_client, Vip, clientPort, port, IpProtocol.Tcp);

    [Fact]
    public void Explain_NewFlows_PredictsTheRealThePipelineThenPicks()
    {
        using var f = new ControlFixture();
        for (ushort port = 40000; port < 40200; port++)
        {
            ExplainResult before = f.Control.Explain(Flow(port));

            NetAddress actual = f.Connect(port % 2, s_client, port);

            Assert.Equal("scheduler", before.Decision);
            Assert.Equal($"{actual}:80", before.Real);
            Assert.Contains(before.Steps, s => s.StartsWith("scheduler mh: flow hash 0x", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Explain_EstablishedFlow_NamesTheWorkerAndTheRealOfTheFlowTable()
    {
        using var f = new ControlFixture();
        NetAddress real = f.Connect(1, s_client, 40000);

        // Drain the real: new flows would go elsewhere, but this one stays.
        ExplainResult result = f.Control.Explain(Flow(40000));

        Assert.Equal("flow-table", result.Decision);
        Assert.Equal($"{real}:80", result.Real);
        Assert.Contains(result.Steps, s => s.StartsWith("flow-table hit in worker 1: state ESTABLISHED", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_ChangesNoState()
    {
        using var f = new ControlFixture();
        for (ushort port = 40000; port < 40050; port++)
        {
            f.Connect(port % 2, s_client, port);
        }

        f.Connect(0, s_client, 41000, port: 443);
        long[] before = Counters(f);

        for (ushort port = 39000; port < 41100; port++)
        {
            f.Control.Explain(Flow(port));
            f.Control.Explain(Flow(port, 443));
        }

        Assert.Equal(before, Counters(f));
    }

    [Fact]
    public void Explain_PersistentService_FollowsTheClientsTemplate()
    {
        using var f = new ControlFixture();
        NetAddress first = f.Connect(0, s_client, 40000, port: 443);
        NetAddress neighbour = NetAddress.Parse("198.51.100.99");

        ExplainResult result = f.Control.Explain(new FlowKey(neighbour, Vip, 50000, 443, IpProtocol.Tcp));
        NetAddress actual = f.Connect(0, neighbour, 50000, port: 443);

        Assert.Equal("persistence", result.Decision);
        Assert.Equal($"{first}:443", result.Real);
        Assert.Equal(first, actual);
        Assert.Contains(result.Steps, s => s.StartsWith("persistence template for 198.51.100.0/24 in worker 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_RoundRobin_DoesNotPredictOrMoveTheCursor()
    {
        using var f = new ControlFixture(ControlFixture.Yaml(webScheduler: "rr"));
        NetAddress first = f.Connect(0, s_client, 40000);

        ExplainResult result = f.Control.Explain(Flow(40001));
        NetAddress second = f.Connect(0, s_client, 40001);

        Assert.Equal("unpredictable", result.Decision);
        Assert.Null(result.Real);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Explain_NotAVip_SaysDropped()
    {
        using var f = new ControlFixture();

        ExplainResult result = f.Control.Explain(Flow(40000, port: 8080));

        Assert.Equal("drop", result.Decision);
        Assert.Contains("not-a-vip", result.Steps[0], StringComparison.Ordinal);
    }

    private static long[] Counters(ControlFixture f)
    {
        var values = new List<long>();
        foreach (ForwardingWorker worker in f.Plane.Workers)
        {
            WorkerCounters c = worker.Counters;
            values.AddRange([c.Packets, c.FlowHits, c.FlowMisses, c.FlowInserts, c.PersistenceHits, worker.Flows.Occupied, worker.PersistenceTemplates.Occupied, worker.Flows.Expirations]);
        }

        values.Add(f.Plane.Connections.Active(0) + f.Plane.Connections.Active(1) + f.Plane.Connections.Active(2) + f.Plane.Connections.Active(3));
        return [.. values];
    }
}
