using Longhaul.Balancing.Scheduling;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class ConnectionCountsTests
{
    [Fact]
    public void Add_ActiveAndInactive_TrackedSeparatelyPerReal()
    {
        var counts = new ConnectionCounts(4);
        counts.AddActive(1, 3);
        counts.AddInactive(1, 5);
        counts.AddActive(2, 1);
        counts.AddActive(1, -1);
        Assert.Equal(2, counts.Active(1));
        Assert.Equal(5, counts.Inactive(1));
        Assert.Equal(1, counts.Active(2));
        Assert.Equal(0, counts.Inactive(2));
        Assert.Equal(0, counts.Active(0));
        Assert.Equal(0, counts.Active(3));
        Assert.Equal((2 * 256) + 5, counts.Overhead(1));
    }

    [Fact]
    public void Add_ConcurrentWorkers_NoLostUpdates()
    {
        var counts = new ConnectionCounts(2);
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                counts.AddActive(worker & 1, 1);
                counts.AddInactive(1, 1);
            }
        });

        Assert.Equal(100_000, counts.Active(0));
        Assert.Equal(100_000, counts.Active(1));
        Assert.Equal(200_000, counts.Inactive(1));
    }

    [Fact]
    public void Constructor_NegativeCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionCounts(-1));

    [Fact]
    public void Active_IdAtCapacity_Throws() =>
        Assert.Throws<IndexOutOfRangeException>(() => new ConnectionCounts(2).Active(2));
}
