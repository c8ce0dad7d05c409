namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// Active and inactive connection counts per real, shared by every worker and kept across config snapshots
/// (indexed by <see cref="SchedulerReal.RealId"/>). The flow table adds and subtracts with interlocked operations;
/// schedulers read the counts without locks, as IPVS does: a slightly stale count only shifts one choice.
/// </summary>
public sealed class ConnectionCounts
{
    // Each real gets its own 64-byte cache line, so workers counting connections of different reals
    // do not bounce one line between cores. Slot 0 is active, slot 1 inactive.
    private const int Stride = 16;
    private const int InactiveOffset = 1;

    private readonly int[] _counts;

    public ConnectionCounts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, int.MaxValue / Stride);
        Capacity = capacity;
        _counts = new int[capacity * Stride];
    }

    /// <summary>Real ids must be below this.</summary>
    public int Capacity { get; }

    public int Active(int realId) => Volatile.Read(ref _counts[realId * Stride]);

    public int Inactive(int realId) => Volatile.Read(ref _counts[(realId * Stride) + InactiveOffset]);

    public void AddActive(int realId, int delta) => Interlocked.Add(ref _counts[realId * Stride], delta);

    public void AddInactive(int realId, int delta) => Interlocked.Add(ref _counts[(realId * Stride) + InactiveOffset], delta);

    /// <summary>IPVS <c>ip_vs_dest_conn_overhead</c>: active connections weigh 256 times an inactive one.</summary>
    internal long Overhead(int realId) => ((long)Active(realId) << 8) + Inactive(realId);
}
