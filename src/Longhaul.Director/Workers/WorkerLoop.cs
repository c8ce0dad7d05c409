using Longhaul.Balancing.Forwarding;
using Longhaul.Director.Io;

namespace Longhaul.Director.Workers;

/// <summary>
/// One worker's loop: read up to a batch of client packets that are already queued (each into its own buffer,
/// 64 KiB apiece), run the batch through <see cref="ForwardingWorker.ProcessBatch"/> in place, hand Forward
/// verdicts to the egress and Reply verdicts (ICMP "too big") back to the kernel, flush, sweep expired flows. The snapshot and the clock are read once per batch, so
/// a batch never mixes two configurations. Nothing in <see cref="RunBatch"/> allocates.
/// </summary>
/// <typeparam name="TIo">The I/O backend; a struct backend is specialised by the JIT (no interface calls).</typeparam>
public sealed class WorkerLoop<TIo>
    where TIo : IPacketIo
{
    public const int DefaultBatchSize = 64;

    /// <summary>Largest IP packet a read can return (the TUN device's MTU is set to this).</summary>
    public const int MaxPacketSize = 65535;

    private readonly SnapshotHolder _snapshots;
    private readonly TimeProvider _clock;
    private readonly long _timestampFrequency;
    private readonly ForwardingBatch _batch;

    // Not readonly: a struct backend keeps per-batch state (pending sends) in itself, and calls on a readonly
    // field would run on defensive copies and lose it.
#pragma warning disable IDE0044
    private TIo _io;
#pragma warning restore IDE0044

    public WorkerLoop(ForwardingWorker worker, SnapshotHolder snapshots, TIo io, TimeProvider? clock = null, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Worker = worker;
        _snapshots = snapshots;
        _io = io;
        _clock = clock ?? TimeProvider.System;
        _timestampFrequency = _clock.TimestampFrequency;

        // Headroom in front of every packet lets the pipeline prepend the tunnel (or ICMP) header in place.
        _batch = new ForwardingBatch(batchSize, MaxPacketSize);
    }

    public ForwardingWorker Worker { get; }

    public IoCounters Counters { get; } = new();

    /// <summary>
    /// Processes one batch: up to the batch size of packets that are already queued. When none is, waits up to
    /// <paramref name="waitMilliseconds"/> for one (so the caller can check for cancellation) and returns 0.
    /// </summary>
    public int RunBatch(int waitMilliseconds)
    {
        ForwardingSnapshot snapshot = _snapshots.Current;
        long now = NowMilliseconds();
        IoCounters counters = Counters;

        // Once per turn, busy or idle: the announcer's proof that this worker still runs (a plain store, no fence).
        Volatile.Write(ref counters.Heartbeat, now);

        // Read the whole batch first, then decide for all of it: the pipeline requests every packet's flow-table
        // memory before it needs any (ForwardingWorker.ProcessBatch).
        ForwardingBatch batch = _batch;
        batch.Clear();
        int lastReceive = 0;
        while (!batch.IsFull)
        {
            lastReceive = _io.Receive(batch.NextPacketSpace());
            if (lastReceive <= 0)
            {
                break;
            }

            batch.Add(lastReceive);
        }

        if (lastReceive < 0)
        {
            counters.ReceiveErrors++;
        }

        int processed = batch.Count;
        if (processed > 0)
        {
            Worker.ProcessBatch(snapshot, batch, now);
            for (int i = 0; i < processed; i++)
            {
                Send(batch, i);
            }

            int refused = _io.Flush();
            counters.Sent -= refused;
            counters.SendErrors += refused;
            counters.Batches++;
        }

        Worker.AfterBatch(now);
        if (processed == 0 && waitMilliseconds > 0 && (lastReceive < 0 || _io.WaitReadable(waitMilliseconds) < 0))
        {
            // A failing queue must not turn the loop into a busy spin.
            Thread.Sleep(waitMilliseconds);
        }

        return processed;
    }

    /// <summary>Runs batches until <paramref name="cancellation"/> is signalled (checked at least every <paramref name="waitMilliseconds"/>).</summary>
    public void Run(CancellationToken cancellation, int waitMilliseconds = 200)
    {
        while (!cancellation.IsCancellationRequested)
        {
            RunBatch(waitMilliseconds);
        }
    }

    private void Send(ForwardingBatch batch, int index)
    {
        ref readonly PacketResult result = ref batch.Results[index];
        if (result.Verdict == Verdict.Forward)
        {
            if (_io.Forward(batch.Output(index), result.NextHop))
            {
                Counters.Sent++;
            }
            else
            {
                Counters.SendErrors++;
            }
        }
        else if (result.Verdict == Verdict.Reply)
        {
            if (_io.Reply(batch.Output(index)) >= 0)
            {
                Counters.Replies++;
            }
            else
            {
                Counters.ReplyErrors++;
            }
        }
    }

    /// <summary>The flow table's millisecond clock, from the injected <see cref="TimeProvider"/>'s timestamp.</summary>
    private long NowMilliseconds() => (long)((Int128)_clock.GetTimestamp() * 1000 / _timestampFrequency);
}
