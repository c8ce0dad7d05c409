using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// The forwarding state every benchmark runs against: the seed's deployment (12 reals in 5 data centers behind
/// one TCP VIP, weighted Maglev with M = 65537, IPIP), compiled once per process because building the Maglev
/// tables is control-plane work that must not be timed.
/// </summary>
public static class BenchDeployment
{
    /// <summary>Packets a worker handles between two <see cref="ForwardingWorker.AfterBatch"/> calls (a recvmmsg batch).</summary>
    public const int WorkerBatch = 64;

    /// <summary>The VIP's service port.</summary>
    public const ushort ServicePort = 80;

    private static readonly Lazy<ForwardingSnapshot> s_snapshot = new(() => SnapshotCompiler.Compile(SeedDeployment.Definition()));

    public static ForwardingSnapshot Snapshot => s_snapshot.Value;

    public static NetAddress Vip => SeedDeployment.Vip;

    /// <summary>A worker sized by <paramref name="settings"/> whose new-flow limiter never engages (a flood guard is not what is measured).</summary>
    public static ForwardingWorker CreateWorker(BenchSettings settings, FlowTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new WorkerOptions(
            FlowCapacity: settings.FlowCapacity,
            Timeouts: timeouts,
            NewFlowsPerSecond: int.MaxValue);
        return new ForwardingWorker(options, new ConnectionCounts(ForwardingSnapshot.MaxReals));
    }

    /// <summary>A packet buffer with the headroom the pipeline encapsulates into.</summary>
    public static byte[] CreateBuffer(int packetLength) => new byte[PacketLayout.Headroom + Math.Max(packetLength, 2048)];

    /// <summary>
    /// The client of established flow <paramref name="index"/>: 250 addresses of the documentation range,
    /// then the next source port, so many flows share few clients as they do behind carrier NAT.
    /// </summary>
    public static (NetAddress Address, ushort Port) Client(int index) =>
        (NetAddress.FromV4(0xC633_6400u | (uint)(1 + (index % 250))), (ushort)(1024 + (index / 250)));
}
