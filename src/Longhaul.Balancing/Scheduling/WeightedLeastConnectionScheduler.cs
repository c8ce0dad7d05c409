using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// wlc: the least overhead/weight, compared without division as the kernel does: a later real replaces the
/// candidate only when <c>least_overhead × weight &gt; overhead × least_weight</c>, so ties stay with the earlier entry.
/// </summary>
internal sealed class WeightedLeastConnectionScheduler : Scheduler
{
    private readonly EligibleReals _eligible;

    public WeightedLeastConnectionScheduler(SchedulerReal[] reals) => _eligible = new EligibleReals(reals);

    public override SchedulerKind Kind => SchedulerKind.WeightedLeastConnection;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] ids = _eligible.RealId;
        long[] weights = _eligible.Weight;
        if (ids.Length == 0)
        {
            return -1;
        }

        int least = 0;
        long leastOverhead = counts.Overhead(ids[0]);
        for (int k = 1; k < ids.Length; k++)
        {
            long overhead = counts.Overhead(ids[k]);
            if (leastOverhead * weights[k] > overhead * weights[least])
            {
                least = k;
                leastOverhead = overhead;
            }
        }

        return _eligible.ListIndex[least];
    }
}
