using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Lab.Topology;
using Longhaul.Packets;

namespace Longhaul.Lab;

/// <summary>
/// Says which real the director picks for a connection, by compiling the same definition the director's
/// config describes and asking the scheduler. With Maglev (the lab's default) the choice depends only on the
/// config, the hash seed and the 5-tuple, so the client's source port is enough to check every answer.
/// For the stateful schedulers (rr, lc, ...) it cannot predict and returns null.
/// </summary>
public sealed class SpreadPredictor
{
    private readonly LabTopology _topology;
    private readonly ForwardingSnapshot _snapshot;
    private readonly ConnectionCounts _counts = new(ForwardingSnapshot.MaxReals);

    public SpreadPredictor(LabTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _topology = topology;
        _snapshot = SnapshotCompiler.Compile(topology.ToBalancerDefinition());
    }

    public bool CanPredict => _snapshot.Services[0].Scheduler.Kind is SchedulerKind.Maglev or SchedulerKind.SourceHashing or SchedulerKind.DestinationHashing;

    /// <summary>The real for the TCP connection client:clientPort -> vip:80, or null when it cannot say.</summary>
    public LabReal? Predict(string client, int clientPort, string vip)
    {
        if (!CanPredict)
        {
            return null;
        }

        var flow = new FlowKey(NetAddress.Parse(client), NetAddress.Parse(vip), (ushort)clientPort, LabTopology.ServicePort, IpProtocol.Tcp);
        CompiledService? service = _snapshot.FindService(IpProtocol.Tcp, flow.Destination, LabTopology.ServicePort);
        if (service is null)
        {
            return null;
        }

        // A persistent service chooses by the client template's hash (ForwardingWorker.PickNew).
        ulong hash = service.Persistence is null
            ? FlowHasher.Hash(flow, _snapshot.HashSeed)
            : PersistenceTemplate.Of(service, in flow, _snapshot.HashSeed).Hash;
        int index = service.Scheduler.Pick(flow, hash, _counts);
        return index < 0 ? null : _topology.FindRealByAddress(service.SchedulerOrder[index].Address);
    }
}
