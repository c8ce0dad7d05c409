using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class LeastConnectionSchedulerTests
{
    private static int Pick(SchedulerReal[] reals, ConnectionCounts counts) =>
        Create(SchedulerKind.LeastConnection, reals).Pick(Flow(1), 0, counts);

    [Fact]
    public void Pick_ActiveWeighs256Inactive_PicksLeastOverhead()
    {
        SchedulerReal[] reals = [Real(0), Real(1)];
        Assert.Equal(1, Pick(reals, Counts((0, 1, 0), (1, 0, 255)))); // 256 > 255
        Assert.Equal(0, Pick(reals, Counts((0, 1, 0), (1, 0, 257)))); // 256 < 257
    }

    [Fact]
    public void Pick_Tie_EarlierListEntry()
    {
        SchedulerReal[] reals = [Real(1), Real(0)];
        ConnectionCounts counts = Counts((0, 2, 3), (1, 2, 3));
        Assert.Equal(0, Pick(reals, counts));
        Assert.Equal(0, Pick([Real(0), Real(1)], counts));
    }

    [Fact]
    public void Pick_Weight_IgnoredExceptZeroExcludes()
    {
        SchedulerReal[] reals = [Real(0, weight: 0), Real(1, weight: 100), Real(2, weight: 1)];
        // Real 0 is idle but quiesced; real 2's lower overhead wins despite its weight.
        Assert.Equal(2, Pick(reals, Counts((1, 0, 11), (2, 0, 10))));
    }

    [Fact]
    public void Pick_Unavailable_Excluded()
    {
        SchedulerReal[] reals = [Real(0, available: false), Real(1)];
        Assert.Equal(1, Pick(reals, Counts((1, 50, 0))));
    }

    [Fact]
    public void Pick_NoneEligible_ReturnsMinusOne()
    {
        Assert.Equal(-1, Pick([Real(0, available: false), Real(1, weight: 0)], Counts()));
        Assert.Equal(-1, Pick([], Counts()));
    }
}
