using System.Numerics;
using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class WeightedLeastConnectionSchedulerTests
{
    private static int Pick(SchedulerReal[] reals, ConnectionCounts counts) =>
        Create(SchedulerKind.WeightedLeastConnection, reals).Pick(Flow(1), 0, counts);

    [Fact]
    public void Pick_ReferenceWorkedExample_PicksB()
    {
        // A: 10·256 + 100 = 2660, weight 1; B: 20·256 = 5120, weight 3. 2660·3 = 7980 > 5120·1, so B.
        SchedulerReal[] reals = [Real(0, weight: 1), Real(1, weight: 3)];
        Assert.Equal(1, Pick(reals, Counts((0, 10, 100), (1, 20, 0))));
        Assert.Equal(0, Pick([Real(1, weight: 3), Real(0, weight: 1)], Counts((0, 10, 100), (1, 20, 0)))); // B first now
    }

    [Fact]
    public void Pick_EqualRatio_EarlierListEntry()
    {
        // 512/2 == 256/1.
        ConnectionCounts counts = Counts((0, 2, 0), (1, 1, 0));
        Assert.Equal(0, Pick([Real(0, weight: 2), Real(1, weight: 1)], counts));
        Assert.Equal(0, Pick([Real(1, weight: 1), Real(0, weight: 2)], counts)); // index 0 is now real 1
    }

    [Fact]
    public void Pick_WeightZeroOrUnavailable_ExcludedEvenWhenIdle()
    {
        SchedulerReal[] reals = [Real(0, weight: 0), Real(1, available: false), Real(2, weight: 5)];
        Assert.Equal(2, Pick(reals, Counts((2, 1000, 1000))));
        Assert.Equal(-1, Pick([Real(0, weight: 0), Real(1, available: false)], Counts()));
    }

    [Fact]
    public void Pick_RandomCounts_MatchesExactRationalMinimumWithFirstTie()
    {
        var random = new Random(7);
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            var reals = new SchedulerReal[random.Next(1, 8)];
            var counts = new ConnectionCounts(8);
            for (int i = 0; i < reals.Length; i++)
            {
                reals[i] = Real(i, random.Next(0, 5), random.Next(5) != 0);
                counts.AddActive(i, random.Next(0, 4));
                counts.AddInactive(i, random.Next(0, 600));
            }

            int expected = -1;
            for (int i = 0; i < reals.Length; i++)
            {
                if (reals[i].IsEligible && (expected < 0 ||
                    Ratio(counts, reals[i]).CompareTo(Ratio(counts, reals[expected])) < 0))
                {
                    expected = i;
                }
            }

            Assert.Equal(expected, Pick(reals, counts));
        }
    }

    /// <summary>overhead/weight scaled by the product of all possible weights (1..4), so comparisons are exact.</summary>
    private static BigInteger Ratio(ConnectionCounts counts, SchedulerReal real) =>
        new BigInteger((counts.Active(real.RealId) * 256L) + counts.Inactive(real.RealId)) * 12 / real.Weight;
}
