namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// The reals that may take new flows (available, weight &gt; 0), in list order, as parallel arrays so the
/// least-connection family scans only candidates without re-testing flags per flow.
/// </summary>
internal sealed class EligibleReals
{
    public EligibleReals(SchedulerReal[] reals)
    {
        int count = 0;
        foreach (SchedulerReal real in reals)
        {
            if (real.IsEligible)
            {
                count++;
            }
        }

        ListIndex = new int[count];
        RealId = new int[count];
        Weight = new long[count];
        int k = 0;
        for (int i = 0; i < reals.Length; i++)
        {
            if (reals[i].IsEligible)
            {
                ListIndex[k] = i;
                RealId[k] = reals[i].RealId;
                Weight[k] = reals[i].Weight;
                k++;
            }
        }
    }

    public int[] ListIndex { get; }

    public int[] RealId { get; }

    /// <summary>Held as long so the weighted comparisons multiply in 64 bits, as the kernel's (__s64) casts do.</summary>
    public long[] Weight { get; }

    public int Count => ListIndex.Length;
}
