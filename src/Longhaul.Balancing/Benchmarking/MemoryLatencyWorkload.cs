using System.Runtime.InteropServices;
using Longhaul.Balancing.Flows;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Not a packet path: one "packet" is one load whose address depends on the previous load, over a buffer as
/// large as the flow table and allocated the same way (<see cref="HugePages.AllocateZeroed"/>), visiting its
/// cache lines in a random cycle. The figure is this machine's memory round trip, the unit a large flow table's
/// lookups are paid in: a packet that must wait for one costs at least this much, and batching exists to
/// overlap them.
/// </summary>
public sealed class MemoryLatencyWorkload : PacketWorkload
{
    private const int LineBytes = 64;
    private const int LongsPerLine = LineBytes / sizeof(long);

    private readonly byte[] _memory;
    private readonly int _origin;
    private readonly int _bytes;
    private long _cursor;

    public MemoryLatencyWorkload(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // 64 bytes per flow-table slot: the table's own footprint (512-byte buckets of 8 slots).
        int lines = settings.FlowCapacity;
        _bytes = lines * LineBytes;
        _memory = HugePages.AllocateZeroed(_bytes, out _origin);
        Span<long> chase = Lines();

        // Sattolo's algorithm: a random permutation that is one single cycle, so the chase visits every line.
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++)
        {
            order[i] = i;
        }

        var random = new Random(2006);
        for (int i = lines - 1; i > 0; i--)
        {
            int j = random.Next(i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        for (int i = 0; i < lines; i++)
        {
            chase[order[i] * LongsPerLine] = (long)order[(i + 1) % lines] * LongsPerLine;
        }
    }

    public override int BytesPerPacket => LineBytes;

    public override int Run(int packets)
    {
        Span<long> lines = Lines();
        long cursor = _cursor;
        for (int i = 0; i < packets; i++)
        {
            cursor = lines[(int)cursor];
        }

        _cursor = cursor;
        return packets;
    }

    private Span<long> Lines() => MemoryMarshal.Cast<byte, long>(_memory.AsSpan(_origin, _bytes));
}
