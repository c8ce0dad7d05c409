using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class SchedulerCreateTests
{
    [Theory]
    [MemberData(nameof(SchedulerAllocationTests.Kinds), MemberType = typeof(SchedulerAllocationTests))]
    public void Create_EveryKind_ReportsItsKind(SchedulerKind kind) =>
        Assert.Equal(kind, Create(kind, [Real(0)]).Kind);

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Create_WeightOutOfRange_Throws(int weight) =>
        Assert.Throws<ArgumentException>(() => Create(SchedulerKind.WeightedLeastConnection, [Real(0, weight: weight)]));

    [Fact]
    public void Create_NegativeRealId_Throws() =>
        Assert.Throws<ArgumentException>(() => Create(SchedulerKind.RoundRobin, [Real(0) with { RealId = -1 }]));

    [Fact]
    public void Create_ListChangedAfterwards_SchedulerUnaffected()
    {
        var reals = new List<SchedulerReal> { Real(0), Real(1) };
        Scheduler scheduler = Scheduler.Create(SchedulerKind.RoundRobin, reals, new SchedulerOptions());
        reals[1] = Real(1, available: false);
        Assert.Equal("ABAB", Sequence(scheduler, [Real(0), Real(1)], 4));
    }
}
