namespace Longhaul.Egress.Tests;

public sealed class ReplyRateLimiterTests
{
    [Fact]
    public void TryTake_BurstSpent_RefusesUntilTimeRefills()
    {
        var time = new FakeTime();
        var limiter = new ReplyRateLimiter(ratePerSecond: 100, burst: 10, time.TimestampFrequency, time.Now);

        int granted = 0;
        for (int i = 0; i < 50; i++)
        {
            granted += limiter.TryTake(time.Now, 2) ? 1 : 0;
        }

        Assert.Equal(5, granted); // 10 tokens, 2 per probe

        time.Advance(TimeSpan.FromMilliseconds(19)); // 1.9 tokens: not yet two
        Assert.False(limiter.TryTake(time.Now, 2));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryTake(time.Now, 2));
        Assert.False(limiter.TryTake(time.Now, 2));
    }

    [Fact]
    public void TryTake_LongIdle_RefillsOnlyToBurst()
    {
        var time = new FakeTime();
        var limiter = new ReplyRateLimiter(100, 4, time.TimestampFrequency, time.Now);
        time.Advance(TimeSpan.FromHours(1));

        int granted = 0;
        for (int i = 0; i < 100; i++)
        {
            granted += limiter.TryTake(time.Now) ? 1 : 0;
        }

        Assert.Equal(4, granted);
    }

    [Fact]
    public void TryTake_SustainedFlood_HoldsTheRate()
    {
        var time = new FakeTime();
        var limiter = new ReplyRateLimiter(100, 100, time.TimestampFrequency, time.Now);

        int granted = 0;
        for (int ms = 0; ms < 10_000; ms++)
        {
            for (int i = 0; i < 10; i++)
            {
                granted += limiter.TryTake(time.Now) ? 1 : 0;
            }

            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // 10 s at 100/s plus the initial burst of 100, with a little rounding slack.
        Assert.InRange(granted, 1095, 1101);
    }
}
