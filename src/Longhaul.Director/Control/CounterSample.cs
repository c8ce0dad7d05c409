using Longhaul.Balancing.Forwarding;

namespace Longhaul.Director.Control;

/// <summary>
/// The workers' per-service and per-real counters summed at one moment. Workers never reset their counters (a
/// reset from another thread would race their plain increments), so <c>ctl zero</c> keeps a sample as a
/// baseline and rates are the difference of two samples.
/// </summary>
public sealed class CounterSample
{
    public long[] ServicePackets { get; } = new long[ForwardingSnapshot.MaxServices];

    public long[] ServiceBytes { get; } = new long[ForwardingSnapshot.MaxServices];

    public long[] ServiceConnections { get; } = new long[ForwardingSnapshot.MaxServices];

    public long[] RealPackets { get; } = new long[ForwardingSnapshot.MaxReals];

    public long[] RealBytes { get; } = new long[ForwardingSnapshot.MaxReals];

    public long[] RealConnections { get; } = new long[ForwardingSnapshot.MaxReals];

    /// <summary>When it was taken, in <see cref="TimeProvider"/> timestamp ticks.</summary>
    public long Timestamp { get; private set; }

    public bool Taken { get; private set; }

    /// <summary>Overwrites this sample with the workers' current totals.</summary>
    public void Take(IReadOnlyList<ForwardingWorker> workers, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(workers);
        Sum(workers, c => c.ServicePackets, ServicePackets);
        Sum(workers, c => c.ServiceBytes, ServiceBytes);
        Sum(workers, c => c.ServiceConnections, ServiceConnections);
        Sum(workers, c => c.RealPackets, RealPackets);
        Sum(workers, c => c.RealBytes, RealBytes);
        Sum(workers, c => c.RealConnections, RealConnections);
        Timestamp = timestamp;
        Taken = true;
    }

    public void CopyTo(CounterSample other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ServicePackets.CopyTo(other.ServicePackets, 0);
        ServiceBytes.CopyTo(other.ServiceBytes, 0);
        ServiceConnections.CopyTo(other.ServiceConnections, 0);
        RealPackets.CopyTo(other.RealPackets, 0);
        RealBytes.CopyTo(other.RealBytes, 0);
        RealConnections.CopyTo(other.RealConnections, 0);
        other.Timestamp = Timestamp;
        other.Taken = Taken;
    }

    private static void Sum(IReadOnlyList<ForwardingWorker> workers, Func<WorkerCounters, long[]> select, long[] into)
    {
        Array.Clear(into);
        foreach (ForwardingWorker worker in workers)
        {
            long[] counters = select(worker.Counters);
            for (int i = 0; i < into.Length; i++)
            {
                into[i] += Volatile.Read(ref counters[i]);
            }
        }
    }
}
