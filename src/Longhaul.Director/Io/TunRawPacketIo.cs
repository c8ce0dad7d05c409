using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Director.Io;

/// <summary>
/// The TUN + raw socket backend: client packets come from one queue of the multi-queue TUN device the VIP
/// routes point at; encapsulated packets leave through this worker's IPPROTO_RAW sockets, gathered in a
/// <see cref="PacketBatch"/> per family and sent with one <c>sendmmsg</c> per batch; ICMP errors are
/// written back into the TUN queue, so the kernel forwards them to the client like any received packet.
/// </summary>
/// <remarks>
/// A mutable struct (it counts refusals between flushes): keep it in one field, never copy it after use. The
/// device, sockets and batches belong to the runtime, which disposes them after the worker has stopped.
/// </remarks>
public struct TunRawPacketIo : IPacketIo
{
    private readonly TunDevice _queue;
    private readonly RawSocket? _sender4;
    private readonly RawSocket? _sender6;
    private readonly PacketBatch _batch4;
    private readonly PacketBatch _batch6;
    private int _refused;

    /// <param name="sender6">Null when the host has no IPv6: IPv6 next hops are then refused and counted.</param>
    public TunRawPacketIo(TunDevice queue, RawSocket? sender4, RawSocket? sender6, PacketBatch batch4, PacketBatch batch6)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(batch4);
        ArgumentNullException.ThrowIfNull(batch6);
        _queue = queue;
        _sender4 = sender4;
        _sender6 = sender6;
        _batch4 = batch4;
        _batch6 = batch6;
        _refused = 0;
    }

    public readonly int Receive(Span<byte> buffer)
    {
        int n = _queue.Read(buffer);
        return n == Errno.EAGAIN.AsResult() ? 0 : n;
    }

    public readonly int WaitReadable(int timeoutMilliseconds) => _queue.WaitReadable(timeoutMilliseconds);

    public bool Forward(ReadOnlySpan<byte> packet, NetAddress nextHop)
    {
        bool v4 = nextHop.IsIPv4;
        RawSocket? sender = v4 ? _sender4 : _sender6;
        if (sender is null)
        {
            return false;
        }

        PacketBatch batch = v4 ? _batch4 : _batch6;
        if (packet.Length > batch.BufferSize)
        {
            // Only after a reload raised the tunnel MTU above the slot size chosen at start: send it alone.
            return sender.SendTo(packet, nextHop) >= 0;
        }

        if (batch.IsFull)
        {
            Send(sender, batch);
        }

        batch.TryAdd(packet, nextHop);
        return true;
    }

    public int Flush()
    {
        if (_batch4.Count > 0)
        {
            Send(_sender4!, _batch4);
        }

        if (_batch6.Count > 0)
        {
            Send(_sender6!, _batch6);
        }

        int refused = _refused;
        _refused = 0;
        return refused;
    }

    public readonly int Reply(ReadOnlySpan<byte> packet) => _queue.Write(packet);

    private void Send(RawSocket sender, PacketBatch batch)
    {
        sender.SendAll(batch, out int dropped, out _);
        _refused += dropped;
        batch.Clear();
    }
}
