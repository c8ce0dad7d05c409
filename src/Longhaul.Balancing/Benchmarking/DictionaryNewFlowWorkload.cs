using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Baseline for <see cref="NewFlowWorkload"/> and <see cref="ChurnWorkload"/>: the same SYNs, parse, flow hash,
/// Maglev lookup and encapsulation, with a plain <see cref="Dictionary{TKey, TValue}"/> as the flow table.
/// Unbounded, it is cleared after every eighth of the capacity (as the pipeline's clock jump frees its
/// slots); bounded, it holds the capacity and evicts the oldest flow first (FIFO, through a ring of keys).
/// </summary>
public sealed class DictionaryNewFlowWorkload : PacketWorkload
{
    private readonly FreshSynWriter _syns;
    private readonly Dictionary<FlowKey, int> _flows;
    private readonly NaiveTunnels _tunnels;
    private readonly byte[] _buffer;
    private readonly FlowKey[]? _ring;
    private readonly int _round;
    private int _ringCursor;
    private int _inRound;

    public DictionaryNewFlowWorkload(BenchSettings settings, bool bounded)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _syns = new FreshSynWriter(settings.PacketLength);
        _tunnels = new NaiveTunnels(BenchDeployment.Snapshot);
        _buffer = BenchDeployment.CreateBuffer(settings.PacketLength);
        int capacity = settings.FlowCapacity;
        _round = Math.Max(1, capacity / 8);
        if (bounded)
        {
            _ring = new FlowKey[capacity];
            _flows = new Dictionary<FlowKey, int>(capacity);
            Run(capacity);
        }
        else
        {
            _flows = new Dictionary<FlowKey, int>(_round);
        }
    }

    public override int BytesPerPacket => _syns.Length;

    public override int Run(int packets)
    {
        int forwarded = 0;
        int length = _syns.Length;
        Span<byte> destination = _buffer.AsSpan(PacketLayout.Headroom, length);
        for (int i = 0; i < packets; i++)
        {
            _syns.Write(destination);
            if (PacketParser.Parse(destination, out ParsedPacket parsed) != ParseStatus.Ok)
            {
                continue;
            }

            if (!_flows.TryGetValue(parsed.Flow, out int real))
            {
                ulong hash = FlowHasher.Hash(parsed.Flow, _tunnels.Seed);
                real = _tunnels.Service.StatelessTable.Lookup(hash);
                Admit(in parsed.Flow, real);
            }

            if (Encapsulation.Encapsulate(_buffer, PacketLayout.Headroom, parsed.TotalLength, in _tunnels.Parameters[real]) >= 0)
            {
                forwarded++;
            }
        }

        return forwarded;
    }

    private void Admit(in FlowKey flow, int real)
    {
        if (_ring is null)
        {
            if (++_inRound == _round)
            {
                _inRound = 0;
                _flows.Clear();
            }

            _flows.Add(flow, real);
            return;
        }

        if (_flows.Count == _ring.Length)
        {
            _flows.Remove(_ring[_ringCursor]);
        }

        _flows.Add(flow, real);
        _ring[_ringCursor] = flow;
        _ringCursor = _ringCursor + 1 == _ring.Length ? 0 : _ringCursor + 1;
    }
}
