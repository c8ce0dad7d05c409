using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// wrr as <c>ip_vs_wrr.c</c>: current weight <c>cw</c> starts at <c>mw = max − (gcd − 1)</c>; walk the list from the
/// cursor and take the first available real with <c>weight ≥ cw</c>; at the end of the list <c>cw −= gcd</c>, and
/// when it reaches 0 it starts again at <c>mw</c>. As in the kernel, gcd and max range over every real with weight
/// &gt; 0, available or not (an overloaded dest still counts); unavailable reals are only skipped.
/// </summary>
internal sealed class WeightedRoundRobinScheduler : Scheduler
{
    // Only new flows get here, and the critical section is a short walk, so a lock is cheaper than cleverness.
    private readonly Lock _lock = new();
    private readonly SchedulerReal[] _reals;
    private readonly int _gcd;
    private readonly int _maxWeight;
    private readonly bool _anyEligible;

    /// <summary>Index of the last real picked; -1 is the list head, where the kernel starts.</summary>
    private int _cursor = -1;
    private int _currentWeight;

    public WeightedRoundRobinScheduler(SchedulerReal[] reals)
    {
        _reals = reals;
        int gcd = 0;
        int max = 0;
        foreach (SchedulerReal real in reals)
        {
            if (real.Weight > 0)
            {
                gcd = gcd == 0 ? real.Weight : Gcd(gcd, real.Weight);
                max = Math.Max(max, real.Weight);
            }

            _anyEligible |= real.IsEligible;
        }

        _gcd = gcd;
        _maxWeight = max == 0 ? 0 : max - (gcd - 1);
        _currentWeight = _maxWeight;
    }

    public override SchedulerKind Kind => SchedulerKind.WeightedRoundRobin;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        // Checked up front so the walk below always ends: cw comes down to 1 (mw ≡ 1 mod gcd), which any
        // eligible real passes, within mw/gcd passes over the list.
        if (!_anyEligible)
        {
            return -1;
        }

        SchedulerReal[] reals = _reals;
        lock (_lock)
        {
            int i = _cursor;
            int cw = _currentWeight;
            while (true)
            {
                i++;
                if (i == reals.Length)
                {
                    i = -1;
                    cw -= _gcd;
                    if (cw <= 0)
                    {
                        cw = _maxWeight;
                    }

                    continue;
                }

                if (reals[i].Available && reals[i].Weight >= cw)
                {
                    _cursor = i;
                    _currentWeight = cw;
                    return i;
                }
            }
        }
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
