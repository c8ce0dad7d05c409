using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// One receive socket and the thread that drains it: recvmmsg a batch, decide per packet, write the inner
/// packets to the sink. Raw sockets all get a copy of every packet of their protocol, so there is exactly one
/// receiver per socket, never one per core. Nothing in the loop allocates, logs or throws.
/// </summary>
public sealed class DecapsulationReceiver : IDisposable
{
    private readonly RawSocket? _raw;
    private readonly UdpSocket? _udp;
    private readonly DecapsulationFilter _filter;
    private readonly IInnerPacketSink _sink;
    private readonly PacketBatch _batch;
    private Thread? _thread;
    private long _threadAllocatedBytes = -1;

    private DecapsulationReceiver(string name, IngressKind kind, RawSocket? raw, UdpSocket? udp, DecapsulationFilter filter, IInnerPacketSink sink, PacketBatch batch)
    {
        Name = name;
        Kind = kind;
        _raw = raw;
        _udp = udp;
        _filter = filter;
        _sink = sink;
        _batch = batch;
    }

    /// <summary>"raw IPv4 proto 4", "GUE [::]:6080": for logs.</summary>
    public string Name { get; }

    public IngressKind Kind { get; }

    public AgentCounters Counters { get; } = new();

    /// <summary>
    /// Bytes the receive thread has allocated so far (updated after every batch; -1 before the first). Flat once
    /// warmed up: that is the proof that the packet path does not allocate, checked by the root tests on the real
    /// thread.
    /// </summary>
    public long ThreadAllocatedBytes => Volatile.Read(ref _threadAllocatedBytes);

    public static DecapsulationReceiver ForRaw(string name, IngressKind kind, RawSocket socket, DecapsulationFilter filter, IInnerPacketSink sink, PacketBatch batch) =>
        new(name, kind, socket, null, filter, sink, batch);

    public static DecapsulationReceiver ForGue(string name, UdpSocket socket, DecapsulationFilter filter, IInnerPacketSink sink, PacketBatch batch) =>
        new(name, IngressKind.GuePayload, null, socket, filter, sink, batch);

    /// <summary>For tests: a receiver without a socket, fed through <see cref="Handle"/>.</summary>
    internal static DecapsulationReceiver ForTest(IngressKind kind, DecapsulationFilter filter, IInnerPacketSink sink) =>
        new("test", kind, null, null, filter, sink, new PacketBatch(1, 64));

    public void Start(CancellationToken cancellation)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException($"Receiver {Name} is already running.");
        }

        _thread = new Thread(() => Loop(cancellation))
        {
            IsBackground = true,
            Name = $"lh-rs {Name}",
        };
        _thread.Start();
    }

    /// <summary>Waits for the thread to notice cancellation (within one receive timeout).</summary>
    public bool Join(TimeSpan timeout) => _thread is null || _thread.Join(timeout);

    /// <summary>Handles one received datagram: counts it, and writes its inner packet when the filter allows.</summary>
    public DropReason Handle(ReadOnlySpan<byte> datagram, NetAddress source, bool truncated)
    {
        AgentCounters counters = Counters;
        counters.ReceivedCount++;
        int innerOffset = 0;
        int innerLength = 0;
        DropReason reason = truncated
            ? DropReason.Oversize
            : _filter.Decide(datagram, Kind, source, out innerOffset, out innerLength);
        if (reason == DropReason.None)
        {
            int written = _sink.Write(datagram.Slice(innerOffset, innerLength));
            if (written < 0)
            {
                reason = DropReason.TunWriteFailed;
            }
            else
            {
                counters.DecapsulatedCount++;
                counters.ByteCount += innerLength;
                return DropReason.None;
            }
        }

        counters.CountDrop(reason);
        return reason;
    }

    public void Dispose()
    {
        _raw?.Dispose();
        _udp?.Dispose();
        _batch.Dispose();
    }

    private void Loop(CancellationToken cancellation)
    {
        PacketBatch batch = _batch;
        while (!cancellation.IsCancellationRequested)
        {
            int n = _raw is not null ? _raw.ReceiveBatch(batch) : _udp!.ReceiveBatch(batch);
            if (n < 0)
            {
                Errno errno = ErrnoExtensions.FromResult(n);
                if (errno is not (Errno.EAGAIN or Errno.EINTR))
                {
                    Counters.ReceiveErrorCount++;

                    // A persistent error (the socket was closed under us on shutdown, ENOMEM) must not spin a core.
                    if (errno == Errno.EBADF)
                    {
                        return;
                    }

                    Thread.Sleep(10);
                }

                continue;
            }

            for (int i = 0; i < n; i++)
            {
                Handle(batch.GetPacket(i), batch.GetAddress(i), batch.IsTruncated(i));
            }

            Volatile.Write(ref _threadAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
