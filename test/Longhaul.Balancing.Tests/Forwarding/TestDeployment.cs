using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Tests.Forwarding;

/// <summary>Small deployments and a packet buffer for pipeline tests.</summary>
internal static class TestDeployment
{
    public static readonly NetAddress DirectorV4 = NetAddress.Parse("192.0.2.1");
    public static readonly NetAddress DirectorV6 = NetAddress.Parse("2001:db8::1");
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress VipV6 = NetAddress.Parse("2001:db8:cafe::10");

    public static RealDefinition Real(string address, int weight = 1, RealState state = RealState.Active, string dc = "dc1") =>
        new(NetAddress.Parse(address), 80, weight, state, dc);

    public static RealDefinition[] Reals(int count, string prefix = "100.64.0.") =>
        [.. Enumerable.Range(1, count).Select(i => Real(prefix + i, dc: "dc" + ((i % 3) + 1)))];

    public static BalancerDefinition Definition(
        IReadOnlyList<RealDefinition> reals,
        SchedulerKind scheduler = SchedulerKind.Maglev,
        TunnelKind tunnel = TunnelKind.Ipip,
        ulong seed = 7,
        PersistenceSettings? persistence = null,
        NetAddress? vip = null,
        ushort port = 80,
        int mtu = 1500) =>
        new(
            new TunnelSettings(DirectorV4, DirectorV6, tunnel, Mtu: mtu),
            [new ServiceDefinition(IpProtocol.Tcp, vip ?? Vip, port, reals, scheduler, persistence)],
            seed,
            MaglevTableSize: 4099);

    public static ForwardingWorker Worker(int newFlowsPerSecond = 1_000_000) =>
        new(new WorkerOptions(FlowCapacity: 4096, NewFlowsPerSecond: newFlowsPerSecond), new ConnectionCounts(ForwardingSnapshot.MaxReals));

    /// <summary>Writes a TCP packet after the headroom and processes it.</summary>
    public static Verdict Send(
        ForwardingWorker worker,
        ForwardingSnapshot snapshot,
        byte[] buffer,
        NetAddress client,
        ushort clientPort,
        byte flags,
        out PacketResult result,
        long now = 1000,
        int payload = 0,
        NetAddress? vip = null,
        ushort port = 80)
    {
        int length = Simulation.SyntheticPackets.WriteTcp(
            buffer.AsSpan(PacketLayout.Headroom), client, vip ?? Vip, clientPort, port, flags, payload);
        return worker.Process(snapshot, buffer, PacketLayout.Headroom, length, now, out result);
    }

    public static byte[] NewBuffer() => new byte[PacketLayout.Headroom + 9000];
}
