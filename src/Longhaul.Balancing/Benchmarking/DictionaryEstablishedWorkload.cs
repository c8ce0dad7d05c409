using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Baseline for <see cref="EstablishedFlowWorkload"/>: the same packets, parse and encapsulation, but the flow
/// table is a plain <see cref="Dictionary{TKey, TValue}"/> from 5-tuple to real, with none of the pipeline's
/// service lookup, state tracking, timeouts, MTU check or counters. It is what a first attempt would write,
/// and the pipeline should not be slower than it.
/// </summary>
public sealed class DictionaryEstablishedWorkload : PacketWorkload
{
    private readonly EstablishedPackets _packets;
    private readonly Dictionary<FlowKey, int> _flows;
    private readonly NaiveTunnels _tunnels;
    private readonly byte[] _buffer;
    private int _cursor;

    public DictionaryEstablishedWorkload(BenchSettings settings, int flows)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _packets = new EstablishedPackets(flows, settings.PacketLength);
        _tunnels = new NaiveTunnels(BenchDeployment.Snapshot);
        _buffer = BenchDeployment.CreateBuffer(settings.PacketLength);
        _flows = new Dictionary<FlowKey, int>(flows);
        for (int i = 0; i < flows; i++)
        {
            PacketParser.Parse(_packets.Packet(i), out ParsedPacket parsed);
            ulong hash = Forwarding.FlowHasher.Hash(parsed.Flow, _tunnels.Seed);
            _flows[parsed.Flow] = _tunnels.Service.StatelessTable.Lookup(hash);
        }
    }

    public override int BytesPerPacket => _packets.Length;

    public override int Run(int packets)
    {
        int forwarded = 0;
        int length = _packets.Length;
        int flows = _packets.Flows;
        Span<byte> destination = _buffer.AsSpan(PacketLayout.Headroom, length);
        for (int i = 0; i < packets; i++)
        {
            _packets.Packet(_cursor).CopyTo(destination);
            if (++_cursor == flows)
            {
                _cursor = 0;
            }

            if (PacketParser.Parse(destination, out ParsedPacket parsed) == ParseStatus.Ok
                && _flows.TryGetValue(parsed.Flow, out int real)
                && Encapsulation.Encapsulate(_buffer, PacketLayout.Headroom, parsed.TotalLength, in _tunnels.Parameters[real]) >= 0)
            {
                forwarded++;
            }
        }

        return forwarded;
    }
}
