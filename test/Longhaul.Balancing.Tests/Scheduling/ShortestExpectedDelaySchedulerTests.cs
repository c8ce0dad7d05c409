using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class ShortestExpectedDelaySchedulerTests
{
    private static int Pick(SchedulerReal[] reals, ConnectionCounts counts) =>
        Create(SchedulerKind.ShortestExpectedDelay, reals).Pick(Flow(1), 0, counts);

    [Fact]
    public void Pick_ManyInactive_IgnoresInactive()
    {
        // sed: (0+1)/1 < (1+1)/1, so A, although wlc would pick B (1000 inactive > 256).
        SchedulerReal[] reals = [Real(0), Real(1)];
        ConnectionCounts counts = Counts((0, 0, 1000), (1, 1, 0));
        Assert.Equal(0, Pick(reals, counts));
        Assert.Equal(1, Create(SchedulerKind.WeightedLeastConnection, reals).Pick(Flow(1), 0, counts));
    }

    [Fact]
    public void Pick_Weighted_LeastActivePlusOneOverWeight()
    {
        // A: (1+1)/1 = 2; B: (4+1)/3 ≈ 1.67.
        Assert.Equal(1, Pick([Real(0, weight: 1), Real(1, weight: 3)], Counts((0, 1, 0), (1, 4, 0))));
        // A: 2; B: (5+1)/3 = 2: tie, earlier entry.
        Assert.Equal(0, Pick([Real(0, weight: 1), Real(1, weight: 3)], Counts((0, 1, 0), (1, 5, 0))));
    }

    [Fact]
    public void Pick_WeightZeroOrUnavailable_Excluded()
    {
        Assert.Equal(2, Pick([Real(0, weight: 0), Real(1, available: false), Real(2)], Counts((2, 9, 0))));
        Assert.Equal(-1, Pick([Real(0, weight: 0)], Counts()));
    }
}
