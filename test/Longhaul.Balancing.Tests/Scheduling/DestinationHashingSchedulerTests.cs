using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class DestinationHashingSchedulerTests
{
    private static readonly ConnectionCounts s_counts = new(16);

    /// <summary><c>ip_vs_dh_hashkey</c>, restated: the low 8 bits of addr·2654435761.</summary>
    private static int KernelBucket(uint destination) => (int)(unchecked(destination * 2654435761u) & 255);

    [Fact]
    public void Pick_SeedZero_MatchesKernelBucketRoundRobinFill()
    {
        SchedulerReal[] reals = [Real(0, weight: 5), Real(1, weight: 1), Real(2, weight: 1)]; // weights do not matter
        Scheduler scheduler = Create(SchedulerKind.DestinationHashing, reals);
        for (uint destination = 0xCB007100; destination < 0xCB007200; destination++)
        {
            Assert.Equal(KernelBucket(destination) % 3, scheduler.Pick(Flow(0x0A000001, 1, destination), 0, s_counts));
        }
    }

    [Fact]
    public void Pick_SameDestination_SameRealWhateverTheSource()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2), Real(3), Real(4)];
        var options = new SchedulerOptions(Seed: 9);
        Scheduler first = Create(SchedulerKind.DestinationHashing, reals, options);
        Scheduler second = Create(SchedulerKind.DestinationHashing, reals, options);
        var random = new Random(5);
        for (int i = 0; i < 1000; i++)
        {
            uint destination = (uint)random.NextInt64(0, 1L << 32);
            int picked = first.Pick(Flow((uint)i, (ushort)i, destination), 0, s_counts);
            Assert.Equal(picked, second.Pick(Flow((uint)(i * 31), 7, destination), 1, s_counts));
        }
    }

    [Fact]
    public void Pick_RandomDestinations_SpreadEvenly()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2), Real(3)];
        Scheduler scheduler = Create(SchedulerKind.DestinationHashing, reals, new SchedulerOptions(Seed: 77));
        var random = new Random(8);
        int[] picks = new int[4];
        for (int i = 0; i < 100_000; i++)
        {
            picks[scheduler.Pick(Flow(1, 1, (uint)random.NextInt64(0, 1L << 32)), 0, s_counts)]++;
        }

        foreach (int count in picks)
        {
            Assert.InRange(count, 24_000, 26_000);
        }
    }

    [Fact]
    public void Pick_UnusableReal_ItsBucketsGetNoRealOthersUnchanged()
    {
        SchedulerReal[] reals = [Real(0), Real(1, available: false), Real(2, weight: 0)];
        Scheduler scheduler = Create(SchedulerKind.DestinationHashing, reals);
        for (uint destination = 0; destination < 256; destination++)
        {
            int owner = KernelBucket(destination) % 3;
            Assert.Equal(owner == 0 ? 0 : -1, scheduler.Pick(Flow(1, 1, destination), 0, s_counts));
        }

        Assert.Equal(-1, Create(SchedulerKind.DestinationHashing, []).Pick(Flow(1), 0, s_counts));
    }
}
