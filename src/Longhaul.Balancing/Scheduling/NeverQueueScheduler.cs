using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// nq: the first eligible real in list order with no active connection, whatever its weight; when every real
/// is busy, sed's rule (least (active + 1)/weight, ties to the earlier entry).
/// </summary>
internal sealed class NeverQueueScheduler : Scheduler
{
    private readonly EligibleReals _eligible;

    public NeverQueueScheduler(SchedulerReal[] reals) => _eligible = new EligibleReals(reals);

    public override SchedulerKind Kind => SchedulerKind.NeverQueue;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] ids = _eligible.RealId;
        long[] weights = _eligible.Weight;
        int least = -1;
        long leastOverhead = 0;
        for (int k = 0; k < ids.Length; k++)
        {
            int active = counts.Active(ids[k]);
            if (active == 0)
            {
                return _eligible.ListIndex[k];
            }

            long overhead = active + 1L;
            if (least < 0 || leastOverhead * weights[k] > overhead * weights[least])
            {
                least = k;
                leastOverhead = overhead;
            }
        }

        return least < 0 ? -1 : _eligible.ListIndex[least];
    }
}
