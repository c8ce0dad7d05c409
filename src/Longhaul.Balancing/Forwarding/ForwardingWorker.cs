using System.Runtime.CompilerServices;
using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The per-packet pipeline and the state one worker owns: its flow table, persistence templates, new-flow
/// limiter and counters. <see cref="Process"/> takes a packet that sits in a buffer after
/// <see cref="PacketLayout.Headroom"/> spare bytes and, writing in place, turns it into the bytes to send:
/// parse → classify → flow table → schedule on a miss → encapsulate (or answer with ICMP "too big").
/// Nothing here allocates, locks, logs or throws.
/// </summary>
public sealed partial class ForwardingWorker
{
    private readonly FlowTable _flows;
    private readonly FlowTable _templates;
    private readonly NewFlowLimiter _limiter;
    private readonly ConnectionCounts _connections;
    private readonly int _sweepBudget;

    public ForwardingWorker(WorkerOptions options, ConnectionCounts connections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        _flows = new FlowTable(options.FlowCapacity, options.EffectiveTimeouts, connections);
        _templates = new FlowTable(options.PersistenceCapacity, options.EffectiveTimeouts);
        _limiter = new NewFlowLimiter(options.NewFlowsPerSecond);
        _sweepBudget = options.SweepBudget;
    }

    public WorkerCounters Counters { get; } = new();

    public FlowTable Flows => _flows;

    public FlowTable PersistenceTemplates => _templates;

    public ConnectionCounts Connections => _connections;

    /// <summary>Housekeeping between batches: expire a bounded number of idle flows.</summary>
    public void AfterBatch(long now)
    {
        _flows.Sweep(now, _sweepBudget);
        _templates.Sweep(now, _sweepBudget / 4);
    }

    /// <summary>
    /// Processes one packet. <paramref name="buffer"/>[<paramref name="offset"/>..+<paramref name="length"/>] is
    /// the client's IP packet; the result says where the bytes to send start and end.
    /// </summary>
    /// <param name="now">The worker's clock in milliseconds, read once per batch.</param>
    public Verdict Process(ForwardingSnapshot snapshot, Span<byte> buffer, int offset, int length, long now, out PacketResult result)
    {
        result = default;
        result.RealId = -1;
        WorkerCounters counters = Counters;
        counters.Packets++;
        counters.Bytes += length;

        ParseStatus status = PacketParser.Parse(buffer.Slice(offset, length), out ParsedPacket packet);
        if (status != ParseStatus.Ok)
        {
            return DropPacket(ref result, DropReasonFor(status));
        }

        if (packet.Fragment == FragmentKind.Later)
        {
            return DropPacket(ref result, DropReason.Fragment);
        }

        if (packet.IsIcmpError)
        {
            return SteerIcmpError(snapshot, buffer, offset, length, in packet, now, ref result);
        }

        if (packet.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6)
        {
            return DropPacket(ref result, DropReason.UnsupportedIcmp);
        }

        ref readonly FlowKey flow = ref packet.Flow;
        CompiledService? service = snapshot.FindService(flow.Protocol, flow.Destination, flow.DestinationPort);
        if (service is null)
        {
            return DropPacket(ref result, DropReason.NotAVip);
        }

        // The director's own tunnel probes: one compare of the source against the director's addresses keeps
        // this off the client path's cost.
        HealthSteering steering = snapshot.Steering;
        if (steering.IsProbeSource(flow.Source))
        {
            int probeReal = steering.FindReal(flow.Source, flow.SourcePort);
            if (probeReal != -1)
            {
                return SteerProbe(snapshot, service, probeReal, buffer, offset, length, in packet, ref result);
            }
        }

        ulong hash = FlowHasher.Hash(flow, snapshot.HashSeed);
        CompiledReal? real = SelectReal(snapshot, service, in flow, hash, packet.TcpFlags, now);
        if (real is null)
        {
            return DropPacket(ref result, DropReason.NoRealAvailable);
        }

        counters.ServicePackets[service.ServiceId]++;
        counters.ServiceBytes[service.ServiceId] += length;
        return Encapsulate(snapshot, real, buffer, offset, length, in packet, hash, ref result, client: true);
    }

    /// <summary>
    /// A health probe goes to its real whatever the real's weight or state (a drained or failed real must still
    /// be probed, or it could never come back), without a flow-table entry and outside the client counters.
    /// </summary>
    private Verdict SteerProbe(
        ForwardingSnapshot snapshot, CompiledService service, int realId, Span<byte> buffer, int offset, int length, in ParsedPacket packet, ref PacketResult result)
    {
        CompiledReal? real = snapshot.FindReal(realId);
        if (real is null || real.ServiceId != service.ServiceId)
        {
            return DropPacket(ref result, DropReason.HealthProbeUnrouted);
        }

        WorkerCounters counters = Counters;
        counters.HealthProbePackets++;
        counters.HealthProbeBytes += length;
        ulong hash = FlowHasher.Hash(packet.Flow, snapshot.HashSeed);
        return Encapsulate(snapshot, real, buffer, offset, length, in packet, hash, ref result, client: false);
    }

    private static DropReason DropReasonFor(ParseStatus status) => status switch
    {
        ParseStatus.Truncated => DropReason.Truncated,
        ParseStatus.BadChecksum => DropReason.BadChecksum,
        _ => DropReason.Malformed,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Verdict DropPacket(ref PacketResult result, DropReason reason)
    {
        Counters.CountDrop(reason);
        result.Verdict = Verdict.Drop;
        result.Drop = reason;
        return Verdict.Drop;
    }
}
