namespace Longhaul.Health.Tests;

public sealed class RiseFallCounterTests
{
    [Fact]
    public void Record_FallFailuresInARow_GoesDownOnTheLastOne()
    {
        var counter = new RiseFallCounter();

        Assert.False(counter.Record(false, 2, 3));
        Assert.False(counter.Record(false, 2, 3));
        Assert.True(counter.Record(false, 2, 3));
        Assert.Equal(HealthStatus.Down, counter.Status);
    }

    [Fact]
    public void Record_SuccessInTheMiddle_ResetsTheRun()
    {
        var counter = new RiseFallCounter();
        counter.Record(false, 2, 3);
        counter.Record(false, 2, 3);
        counter.Record(true, 2, 3);
        counter.Record(false, 2, 3);
        counter.Record(false, 2, 3);

        Assert.Equal(HealthStatus.Up, counter.Status);
    }

    [Fact]
    public void Record_RiseSuccessesWhenDown_ComesUp()
    {
        var counter = new RiseFallCounter();
        counter.Record(false, 2, 1);

        Assert.False(counter.Record(true, 2, 1));
        Assert.True(counter.Record(true, 2, 1));
        Assert.Equal(HealthStatus.Up, counter.Status);
    }

    [Fact]
    public void Record_ZeroCounts_TreatedAsOne()
    {
        var counter = new RiseFallCounter();

        Assert.True(counter.Record(false, 0, 0));
        Assert.True(counter.Record(true, 0, 0));
    }
}
