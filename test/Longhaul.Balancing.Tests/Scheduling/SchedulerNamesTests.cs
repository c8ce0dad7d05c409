using Longhaul.Balancing.Scheduling;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class SchedulerNamesTests
{
    [Theory]
    [InlineData("rr", SchedulerKind.RoundRobin)]
    [InlineData("wrr", SchedulerKind.WeightedRoundRobin)]
    [InlineData("lc", SchedulerKind.LeastConnection)]
    [InlineData("wlc", SchedulerKind.WeightedLeastConnection)]
    [InlineData("sed", SchedulerKind.ShortestExpectedDelay)]
    [InlineData("nq", SchedulerKind.NeverQueue)]
    [InlineData("sh", SchedulerKind.SourceHashing)]
    [InlineData("dh", SchedulerKind.DestinationHashing)]
    [InlineData("mh", SchedulerKind.Maglev)]
    [InlineData("maglev", SchedulerKind.Maglev)]
    [InlineData("WLC", SchedulerKind.WeightedLeastConnection)]
    public void TryParse_KnownName_ReturnsKind(string name, SchedulerKind expected)
    {
        Assert.True(SchedulerNames.TryParse(name, out SchedulerKind kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lblc")]
    [InlineData(" wlc")]
    [InlineData("roundrobin")]
    public void TryParse_UnknownName_ReturnsFalse(string? name) =>
        Assert.False(SchedulerNames.TryParse(name, out _));

    [Fact]
    public void ToName_EveryKind_RoundTripsThroughTryParse()
    {
        foreach (SchedulerKind kind in Enum.GetValues<SchedulerKind>())
        {
            string name = SchedulerNames.ToName(kind);
            Assert.True(SchedulerNames.TryParse(name, out SchedulerKind parsed), name);
            Assert.Equal(kind, parsed);
        }

        Assert.Equal("mh", SchedulerNames.ToName(SchedulerKind.Maglev));
    }
}
