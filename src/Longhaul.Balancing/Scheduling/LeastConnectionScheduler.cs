using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>lc: the eligible real with the least overhead (active·256 + inactive); ties go to the earlier list entry.</summary>
internal sealed class LeastConnectionScheduler : Scheduler
{
    private readonly EligibleReals _eligible;

    public LeastConnectionScheduler(SchedulerReal[] reals) => _eligible = new EligibleReals(reals);

    public override SchedulerKind Kind => SchedulerKind.LeastConnection;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] ids = _eligible.RealId;
        int least = -1;
        long leastOverhead = 0;
        for (int k = 0; k < ids.Length; k++)
        {
            long overhead = counts.Overhead(ids[k]);
            if (least < 0 || overhead < leastOverhead)
            {
                least = k;
                leastOverhead = overhead;
            }
        }

        return least < 0 ? -1 : _eligible.ListIndex[least];
    }
}
