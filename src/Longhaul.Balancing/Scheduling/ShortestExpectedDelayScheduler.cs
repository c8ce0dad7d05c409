using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// sed: the least (active + 1)/weight, the expected delay if this flow joined the real's queue. Inactive
/// connections are ignored. Cross-multiplied like wlc; ties to the earlier list entry.
/// </summary>
internal sealed class ShortestExpectedDelayScheduler : Scheduler
{
    private readonly EligibleReals _eligible;

    public ShortestExpectedDelayScheduler(SchedulerReal[] reals) => _eligible = new EligibleReals(reals);

    public override SchedulerKind Kind => SchedulerKind.ShortestExpectedDelay;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] ids = _eligible.RealId;
        long[] weights = _eligible.Weight;
        if (ids.Length == 0)
        {
            return -1;
        }

        int least = 0;
        long leastOverhead = counts.Active(ids[0]) + 1L;
        for (int k = 1; k < ids.Length; k++)
        {
            long overhead = counts.Active(ids[k]) + 1L;
            if (leastOverhead * weights[k] > overhead * weights[least])
            {
                least = k;
                leastOverhead = overhead;
            }
        }

        return _eligible.ListIndex[least];
    }
}
