namespace Longhaul.Director.Workers;

/// <summary>
/// One worker's I/O counters, next to the pipeline's <see cref="Balancing.Forwarding.WorkerCounters"/>. Written
/// only by its worker thread (plain increments); the stats writer reads them from another thread and accepts
/// being a few packets behind.
/// </summary>
public sealed class IoCounters
{
    /// <summary>Batches that read at least one packet.</summary>
    public long Batches;

    /// <summary>Reads that failed with something other than "nothing queued".</summary>
    public long ReceiveErrors;

    /// <summary>Forward verdicts handed to the egress.</summary>
    public long Sent;

    /// <summary>Forward verdicts the egress or the kernel refused (no route, EMSGSIZE, no sender).</summary>
    public long SendErrors;

    /// <summary>ICMP errors written back for the kernel to route to the client.</summary>
    public long Replies;

    public long ReplyErrors;

    /// <summary>
    /// The heartbeat: the flow clock (milliseconds, <c>DirectorRuntime.FlowClockMilliseconds</c>) when the worker's
    /// loop last turned. Written with <see cref="Volatile.Write(ref long, long)"/> once per batch (not per packet),
    /// also when idle (a batch then waits at most its wait time), so a value that stops moving means the worker is
    /// stuck; the announcer withdraws the VIPs then. 0 until the first turn.
    /// </summary>
    public long Heartbeat;
}
