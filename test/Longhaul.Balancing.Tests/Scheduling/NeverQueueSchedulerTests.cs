using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class NeverQueueSchedulerTests
{
    private static int Pick(SchedulerReal[] reals, ConnectionCounts counts) =>
        Create(SchedulerKind.NeverQueue, reals).Pick(Flow(1), 0, counts);

    [Fact]
    public void Pick_SeveralIdle_FirstIdleInListOrderWhateverItsWeight()
    {
        SchedulerReal[] reals = [Real(0, weight: 1), Real(1, weight: 1), Real(2, weight: 10)];
        Assert.Equal(1, Pick(reals, Counts((0, 3, 0), (1, 0, 500), (2, 0, 0))));
    }

    [Fact]
    public void Pick_IdleLowWeight_BeatsBusyHighWeight()
    {
        // sed alone would pick A: (1+1)/100 < (0+1)/1.
        SchedulerReal[] reals = [Real(0, weight: 100), Real(1, weight: 1)];
        ConnectionCounts counts = Counts((0, 1, 0));
        Assert.Equal(1, Pick(reals, counts));
        Assert.Equal(0, Create(SchedulerKind.ShortestExpectedDelay, reals).Pick(Flow(1), 0, counts));
    }

    [Fact]
    public void Pick_NoneIdle_FallsBackToShortestExpectedDelay()
    {
        // A: (2+1)/1 = 3; B: (3+1)/2 = 2.
        Assert.Equal(1, Pick([Real(0, weight: 1), Real(1, weight: 2)], Counts((0, 2, 0), (1, 3, 0))));
        // Tie 2 = 2 goes to the earlier entry.
        Assert.Equal(0, Pick([Real(0, weight: 1), Real(1, weight: 2)], Counts((0, 1, 0), (1, 3, 0))));
    }

    [Fact]
    public void Pick_IdleButWeightZeroOrUnavailable_NotTaken()
    {
        SchedulerReal[] reals = [Real(0, weight: 0), Real(1, available: false), Real(2)];
        Assert.Equal(2, Pick(reals, Counts((2, 7, 0))));
        Assert.Equal(-1, Pick([Real(0, weight: 0), Real(1, available: false)], Counts()));
    }
}
