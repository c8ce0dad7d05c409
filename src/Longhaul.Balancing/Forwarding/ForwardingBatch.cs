using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Room for a batch of packets, each in its own buffer after <see cref="PacketLayout.Headroom"/> spare bytes,
/// with the pipeline's per-packet scratch (parse result, flow hash) and verdicts beside them.
/// <see cref="ForwardingWorker.ProcessBatch"/> works through a whole batch in stages, so the flow-table
/// memory of every packet is requested before the first packet needs it (see docs/performance.md).
/// </summary>
/// <remarks>Owned by one worker; allocated once, reused for every batch.</remarks>
public sealed class ForwardingBatch
{
    private readonly byte[] _buffers;
    private readonly int[] _lengths;
    private int _count;

    public ForwardingBatch(int capacity, int maxPacketLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketLength, 1);
        Capacity = capacity;
        MaxPacketLength = maxPacketLength;

        // Whole cache lines per buffer, so two packets never share one.
        Stride = (PacketLayout.Headroom + maxPacketLength + 63) & ~63;
        _buffers = GC.AllocateUninitializedArray<byte>(checked(capacity * Stride));
        _lengths = new int[capacity];
        Results = new PacketResult[capacity];
        Parsed = new ParsedPacket[capacity];
        Status = new ParseStatus[capacity];
        Hashes = new ulong[capacity];
    }

    public int Capacity { get; }

    public int MaxPacketLength { get; }

    /// <summary>Bytes from one packet's buffer to the next.</summary>
    public int Stride { get; }

    /// <summary>Packets in the batch; set by <see cref="Add"/>, reset by <see cref="Clear"/>.</summary>
    public int Count => _count;

    public bool IsFull => _count == Capacity;

    /// <summary>One verdict per packet, written by <see cref="ForwardingWorker.ProcessBatch"/>.</summary>
    public PacketResult[] Results { get; }

    internal ParsedPacket[] Parsed { get; }

    internal ParseStatus[] Status { get; }

    internal ulong[] Hashes { get; }

    /// <summary>Where the next packet's bytes go (I/O reads into this, then calls <see cref="Add"/>).</summary>
    public Span<byte> NextPacketSpace() => _buffers.AsSpan((_count * Stride) + PacketLayout.Headroom, MaxPacketLength);

    /// <summary>Counts the packet just written to <see cref="NextPacketSpace"/>.</summary>
    public void Add(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxPacketLength);
        if (_count == Capacity)
        {
            throw new InvalidOperationException("the batch is full");
        }

        _lengths[_count++] = length;
    }

    public void Clear() => _count = 0;

    /// <summary>Packet <paramref name="index"/>'s whole buffer: headroom, then the packet.</summary>
    public Span<byte> Buffer(int index) => _buffers.AsSpan(index * Stride, Stride);

    /// <summary>The received length of packet <paramref name="index"/>.</summary>
    public int Length(int index) => _lengths[index];

    /// <summary>The bytes to send for packet <paramref name="index"/> after processing (empty for a drop).</summary>
    public Span<byte> Output(int index)
    {
        ref readonly PacketResult result = ref Results[index];
        return result.Verdict == Verdict.Drop ? [] : Buffer(index).Slice(result.Offset, result.Length);
    }
}
