using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Longhaul.Balancing.Flows;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Not a packet path: one "packet" is one load whose address depends on the previous load, over a buffer as
/// large as the flow table and allocated the same way (pinned, huge pages advised), visiting its cache lines
/// in a random cycle. The figure is this machine's memory round trip, the unit a large flow table's lookups
/// are paid in: a packet that must wait for one costs at least this much, and batching exists to overlap them.
/// </summary>
public sealed class MemoryLatencyWorkload : PacketWorkload
{
    private const int LineBytes = 64;
    private const int LongsPerLine = LineBytes / sizeof(long);

    private readonly long[] _lines;
    private long _cursor;

    public MemoryLatencyWorkload(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // 64 bytes per flow-table slot: the table's own footprint (512-byte buckets of 8 slots).
        int lines = settings.FlowCapacity;
        _lines = GC.AllocateUninitializedArray<long>(lines * LongsPerLine, pinned: true);
        AdviseHugePages(_lines);
        Array.Clear(_lines);

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
            _lines[(long)order[i] * LongsPerLine] = (long)order[(i + 1) % lines] * LongsPerLine;
        }
    }

    public override int BytesPerPacket => LineBytes;

    /// <summary>The whole 2 MiB pages inside the (still untouched) array, as <see cref="FlowTable"/> does for itself.</summary>
    private static unsafe void AdviseHugePages(long[] array)
    {
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nint end = start + ((nint)array.Length * sizeof(long));
        nint alignedStart = (start + HugePages.PageSize - 1) & ~(nint)(HugePages.PageSize - 1);
        if (end - alignedStart >= HugePages.PageSize)
        {
            HugePages.Advise(alignedStart, (nuint)(end - alignedStart));
        }
    }

    public override int Run(int packets)
    {
        long[] lines = _lines;
        long cursor = _cursor;
        for (int i = 0; i < packets; i++)
        {
            cursor = lines[cursor];
        }

        _cursor = cursor;
        return packets;
    }
}
