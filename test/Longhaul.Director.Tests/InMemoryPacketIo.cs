using Longhaul.Director.Io;
using Longhaul.Packets;

namespace Longhaul.Director.Tests;

/// <summary>
/// The I/O seam in memory: hands out queued packets (cycling through a fixed set, so a long run needs no new
/// arrays), and keeps what the loop forwarded and replied in preallocated slots. Allocation-free after setup.
/// </summary>
internal sealed class InMemoryPacketIo : IPacketIo
{
    private const int Slots = 256;

    private readonly byte[][] _packets;
    private readonly byte[][] _forwarded = new byte[Slots][];
    private readonly int[] _forwardedLengths = new int[Slots];
    private readonly NetAddress[] _forwardedTo = new NetAddress[Slots];
    private readonly byte[][] _replies = new byte[Slots][];
    private readonly int[] _replyLengths = new int[Slots];
    private int _next;
    private int _pendingRefusals;

    public InMemoryPacketIo(params byte[][] packets)
    {
        _packets = packets;
        for (int i = 0; i < Slots; i++)
        {
            _forwarded[i] = new byte[70_000];
            _replies[i] = new byte[70_000];
        }
    }

    /// <summary>Packets still to hand out; each Receive takes the next of the set, round robin.</summary>
    public int Queued { get; set; }

    public int ForwardedCount { get; private set; }

    public int ReplyCount { get; private set; }

    public int WaitCalls { get; private set; }

    public int FlushCalls { get; private set; }

    /// <summary>Forwards the kernel "refuses" at the next flush.</summary>
    public bool RefuseAtFlush { get; set; }

    public int Receive(Span<byte> buffer)
    {
        if (Queued == 0)
        {
            return 0;
        }

        Queued--;
        byte[] packet = _packets[_next];
        _next = (_next + 1) % _packets.Length;
        packet.CopyTo(buffer);
        return packet.Length;
    }

    public int WaitReadable(int timeoutMilliseconds)
    {
        WaitCalls++;
        return Queued > 0 ? 1 : 0;
    }

    public bool Forward(ReadOnlySpan<byte> packet, NetAddress nextHop)
    {
        int slot = ForwardedCount++ % Slots;
        packet.CopyTo(_forwarded[slot]);
        _forwardedLengths[slot] = packet.Length;
        _forwardedTo[slot] = nextHop;
        if (RefuseAtFlush)
        {
            _pendingRefusals++;
        }

        return true;
    }

    public int Flush()
    {
        FlushCalls++;
        int refused = _pendingRefusals;
        _pendingRefusals = 0;
        return refused;
    }

    public int Reply(ReadOnlySpan<byte> packet)
    {
        int slot = ReplyCount++ % Slots;
        packet.CopyTo(_replies[slot]);
        _replyLengths[slot] = packet.Length;
        return packet.Length;
    }

    public byte[] Forwarded(int index, out NetAddress nextHop)
    {
        nextHop = _forwardedTo[index % Slots];
        return _forwarded[index % Slots].AsSpan(0, _forwardedLengths[index % Slots]).ToArray();
    }

    public byte[] ReplyAt(int index) => _replies[index % Slots].AsSpan(0, _replyLengths[index % Slots]).ToArray();
}
