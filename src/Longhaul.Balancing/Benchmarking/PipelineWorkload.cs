using System.Runtime.CompilerServices;
using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// A workload that pushes packets through <see cref="ForwardingWorker.Process"/> the way a worker does:
/// the packet lands after the headroom, the verdict is counted, and every <see cref="BenchDeployment.WorkerBatch"/>
/// packets the worker's housekeeping (<see cref="ForwardingWorker.AfterBatch"/>) runs, and every
/// <see cref="BatchesPerMillisecond"/> batches the clock ticks 1 ms (about 1 Mpps: pessimistic for a director,
/// so expiry and sweeping cost at least what they would in service).
/// </summary>
public abstract class PipelineWorkload : PacketWorkload
{
    public const int BatchesPerMillisecond = 16;

    private int _inBatch;
    private int _batches;

    protected PipelineWorkload(BenchSettings settings, FlowTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Snapshot = BenchDeployment.Snapshot;
        Worker = BenchDeployment.CreateWorker(settings, timeouts);
        Buffer = BenchDeployment.CreateBuffer(settings.PacketLength);
    }

    public ForwardingSnapshot Snapshot { get; }

    public ForwardingWorker Worker { get; }

    /// <summary>The worker's clock in milliseconds.</summary>
    public long Now { get; protected set; } = 1_000;

    protected byte[] Buffer { get; }

    /// <summary>Processes the packet at <see cref="PacketLayout.Headroom"/>; 1 when it was forwarded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int Forward(int length)
    {
        Verdict verdict = Worker.Process(Snapshot, Buffer, PacketLayout.Headroom, length, Now, out _);
        if (++_inBatch == BenchDeployment.WorkerBatch)
        {
            _inBatch = 0;
            Worker.AfterBatch(Now);
            if (++_batches == BatchesPerMillisecond)
            {
                _batches = 0;
                Now++;
            }
        }

        return verdict == Verdict.Forward ? 1 : 0;
    }

    /// <summary>Setup helper: processes a packet already written after the headroom and insists it is forwarded.</summary>
    protected void ForwardOrThrow(int length)
    {
        if (Worker.Process(Snapshot, Buffer, PacketLayout.Headroom, length, Now, out PacketResult result) != Verdict.Forward)
        {
            throw new InvalidOperationException($"benchmark setup packet was not forwarded: {result.Verdict} ({result.Drop})");
        }
    }
}
