using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// rr: the next eligible real after the last one picked, in list order. The kernel keeps a cursor on the last
/// dest; with eligibility fixed for the life of this instance that is the same as cycling through the eligible
/// reals, so a shared ticket taken with one interlocked increment gives the kernel's sequence without a lock.
/// </summary>
internal sealed class RoundRobinScheduler : Scheduler
{
    private readonly int[] _eligible;
    private long _ticket = -1;

    public RoundRobinScheduler(SchedulerReal[] reals) => _eligible = new EligibleReals(reals).ListIndex;

    public override SchedulerKind Kind => SchedulerKind.RoundRobin;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] eligible = _eligible;
        if (eligible.Length == 0)
        {
            return -1;
        }

        ulong ticket = (ulong)Interlocked.Increment(ref _ticket);
        return eligible[(int)(ticket % (ulong)eligible.Length)];
    }
}
