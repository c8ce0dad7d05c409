using System.Runtime.CompilerServices;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// One worker's counters. Only its worker writes them (plain increments, no atomics); readers on other threads
/// sum the workers' values and accept that a read may be a few packets behind.
/// </summary>
public sealed class WorkerCounters
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];

    public long Packets;
    public long Bytes;
    public long Forwarded;
    public long FlowHits;
    public long FlowMisses;
    public long FlowInserts;
    public long StatelessForwards;
    public long Rescheduled;
    public long PersistenceHits;
    public long IcmpSteered;
    public long IcmpTooBigSent;

    /// <summary>The director's own tunnel health probes: forwarded by steering, never counted as client traffic.</summary>
    public long HealthProbePackets;
    public long HealthProbeBytes;

    /// <summary>Per service id: packets, bytes, new flows (ipvsadm's InPkts, InBytes, Conns).</summary>
    public readonly long[] ServicePackets = new long[ForwardingSnapshot.MaxServices];
    public readonly long[] ServiceBytes = new long[ForwardingSnapshot.MaxServices];
    public readonly long[] ServiceConnections = new long[ForwardingSnapshot.MaxServices];

    /// <summary>Per real id: packets, bytes, new flows.</summary>
    public readonly long[] RealPackets = new long[ForwardingSnapshot.MaxReals];
    public readonly long[] RealBytes = new long[ForwardingSnapshot.MaxReals];
    public readonly long[] RealConnections = new long[ForwardingSnapshot.MaxReals];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountDrop(DropReason reason) => _drops[(int)reason]++;

    public long Drops(DropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    public long TotalDrops
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _drops.Length; i++)
            {
                total += Volatile.Read(ref _drops[i]);
            }

            return total;
        }
    }
}
