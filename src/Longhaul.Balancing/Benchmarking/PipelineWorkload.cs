using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// A workload that pushes packets through the pipeline the way a worker does: packets are written into a
/// <see cref="ForwardingBatch"/> of <see cref="BenchDeployment.WorkerBatch"/> (as a receive call fills it), the
/// batch goes through <see cref="ForwardingWorker.ProcessBatch"/>, then the worker's housekeeping
/// (<see cref="ForwardingWorker.AfterBatch"/>) runs, and every <see cref="BatchesPerMillisecond"/> batches
/// the clock ticks 1 ms (about 1 Mpps: pessimistic for a director, so expiry and sweeping cost at least
/// what they would in service).
/// </summary>
public abstract class PipelineWorkload : PacketWorkload
{
    public const int BatchesPerMillisecond = 16;

    private readonly ForwardingBatch _batch;
    private int _batches;

    protected PipelineWorkload(BenchSettings settings, FlowTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Snapshot = BenchDeployment.Snapshot;
        Worker = BenchDeployment.CreateWorker(settings, timeouts);
        Buffer = BenchDeployment.CreateBuffer(settings.PacketLength);
        _batch = new ForwardingBatch(BenchDeployment.WorkerBatch, Buffer.Length - PacketLayout.Headroom);
    }

    public ForwardingSnapshot Snapshot { get; }

    public ForwardingWorker Worker { get; }

    /// <summary>The worker's clock in milliseconds.</summary>
    public long Now { get; protected set; } = 1_000;

    /// <summary>A single packet buffer for setup (<see cref="ForwardOrThrow"/>).</summary>
    protected byte[] Buffer { get; }

    /// <summary>Where the next packet goes: write it here, then call <see cref="Submit"/>.</summary>
    protected Span<byte> NextPacket() => _batch.NextPacketSpace();

    /// <summary>Adds the packet just written; a full batch is processed. Returns the packets forwarded by now.</summary>
    protected int Submit(int length)
    {
        _batch.Add(length);
        return _batch.IsFull ? Flush() : 0;
    }

    /// <summary>Processes what the batch holds (a <see cref="PacketWorkload.Run"/> ends with it); returns packets forwarded.</summary>
    protected int Flush()
    {
        if (_batch.Count == 0)
        {
            return 0;
        }

        int forwarded = Worker.ProcessBatch(Snapshot, _batch, Now);
        _batch.Clear();
        Worker.AfterBatch(Now);
        if (++_batches == BatchesPerMillisecond)
        {
            _batches = 0;
            Now++;
        }

        return forwarded;
    }

    /// <summary>Setup helper: processes a packet already written after the headroom of <see cref="Buffer"/> and insists it is forwarded.</summary>
    protected void ForwardOrThrow(int length)
    {
        if (Worker.Process(Snapshot, Buffer, PacketLayout.Headroom, length, Now, out PacketResult result) != Verdict.Forward)
        {
            throw new InvalidOperationException($"benchmark setup packet was not forwarded: {result.Verdict} ({result.Drop})");
        }
    }
}
