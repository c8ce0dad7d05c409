using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class WeightedRoundRobinSchedulerTests
{
    private const int A = 0, B = 1, C = 2;

    [Fact]
    public void Pick_KernelListOrderCBA_MatchesReferenceCycle()
    {
        // Added A, B, C: the kernel inserts at the head, so the list is C, B, A.
        SchedulerReal[] reals = [Real(C, weight: 2), Real(B, weight: 3), Real(A, weight: 4)];
        string cycle = "A" + "BA" + "CBA" + "CBA";
        Assert.Equal(cycle + cycle + cycle, Sequence(Create(SchedulerKind.WeightedRoundRobin, reals), reals, 27));
    }

    [Fact]
    public void Pick_ListOrderABC_MatchesReferenceCycle()
    {
        SchedulerReal[] reals = [Real(A, weight: 4), Real(B, weight: 3), Real(C, weight: 2)];
        Assert.Equal("AABABCABC" + "AABABCABC", Sequence(Create(SchedulerKind.WeightedRoundRobin, reals), reals, 18));
    }

    [Fact]
    public void Pick_CommonDivisor_StepsByGcd()
    {
        // gcd 2, mw = 4 − 1 = 3: levels cw = 3 then 1, so A, then A B.
        SchedulerReal[] reals = [Real(A, weight: 4), Real(B, weight: 2)];
        Assert.Equal("AABAAB", Sequence(Create(SchedulerKind.WeightedRoundRobin, reals), reals, 6));
    }

    [Fact]
    public void Pick_UnavailableHeaviestReal_SkippedButStillSetsTheLevels()
    {
        // B (weight 4) is overloaded: mw stays 4, so level 4 and 3 pick nothing and cycles are A C A C (levels 2 and 1).
        SchedulerReal[] reals = [Real(A, weight: 2), Real(B, weight: 4, available: false), Real(C, weight: 2)];
        Assert.Equal("ACACACAC", Sequence(Create(SchedulerKind.WeightedRoundRobin, reals), reals, 8));
    }

    [Fact]
    public void Pick_WeightZero_NeverPicked()
    {
        SchedulerReal[] reals = [Real(A, weight: 0), Real(B, weight: 1)];
        Assert.Equal("BBB", Sequence(Create(SchedulerKind.WeightedRoundRobin, reals), reals, 3));
    }

    [Fact]
    public void Pick_NoneEligible_ReturnsMinusOne()
    {
        SchedulerReal[] zero = [Real(A, weight: 0), Real(B, weight: 0)];
        SchedulerReal[] down = [Real(A, weight: 3, available: false), Real(B, weight: 1, available: false)];
        Assert.Equal("--", Sequence(Create(SchedulerKind.WeightedRoundRobin, zero), zero, 2));
        Assert.Equal("--", Sequence(Create(SchedulerKind.WeightedRoundRobin, down), down, 2));
        Assert.Equal("-", Sequence(Create(SchedulerKind.WeightedRoundRobin, []), [], 1));
    }

    [Fact]
    public void Pick_AnyWeightsAndAvailability_TwoCyclesGiveEachRealTwiceWeightOverGcd()
    {
        var random = new Random(20240917);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            var reals = new SchedulerReal[random.Next(1, 9)];
            int gcd = 0;
            for (int i = 0; i < reals.Length; i++)
            {
                reals[i] = Real(i, random.Next(0, 13), random.Next(4) != 0);
                gcd = Gcd(gcd, reals[i].Weight);
            }

            int cycle = 0;
            foreach (SchedulerReal real in reals)
            {
                cycle += real.IsEligible ? real.Weight / gcd : 0;
            }

            Scheduler scheduler = Create(SchedulerKind.WeightedRoundRobin, reals);
            var picked = new int[reals.Length];
            var counts = new ConnectionCounts(8);
            for (int n = 0; n < 2 * cycle; n++)
            {
                picked[scheduler.Pick(Flow(1), 0, counts)]++;
            }

            for (int i = 0; i < reals.Length; i++)
            {
                Assert.Equal(reals[i].IsEligible ? 2 * reals[i].Weight / gcd : 0, picked[i]);
            }

            if (cycle == 0)
            {
                Assert.Equal(-1, scheduler.Pick(Flow(1), 0, counts));
            }
        }
    }

    [Fact]
    public void Pick_ConcurrentWorkers_KeepExactProportions()
    {
        SchedulerReal[] reals = [Real(A, weight: 4), Real(B, weight: 3), Real(C, weight: 2)];
        Scheduler scheduler = Create(SchedulerKind.WeightedRoundRobin, reals);
        var counts = new ConnectionCounts(8);
        int[] picks = new int[3];
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, _ =>
        {
            for (int i = 0; i < 9_000; i++)
            {
                Interlocked.Increment(ref picks[scheduler.Pick(Flow(1), 0, counts)]);
            }
        });

        // 27,000 picks = 3,000 whole cycles of 9.
        Assert.Equal([12_000, 9_000, 6_000], picks);
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
