using Longhaul.Balancing.Scheduling;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class RoundRobinSchedulerTests
{
    [Fact]
    public void Pick_AllEligible_CyclesInListOrderAndWraps()
    {
        SchedulerReal[] reals = [Real(2), Real(0), Real(1)];
        Assert.Equal("CABCABC", Sequence(Create(SchedulerKind.RoundRobin, reals), reals, 7));
    }

    [Fact]
    public void Pick_UnavailableAndWeightZero_Skipped()
    {
        SchedulerReal[] reals = [Real(0), Real(1, available: false), Real(2, weight: 0), Real(3)];
        Assert.Equal("ADADA", Sequence(Create(SchedulerKind.RoundRobin, reals), reals, 5));
    }

    [Fact]
    public void Pick_WeightsOtherThanZero_Ignored()
    {
        SchedulerReal[] reals = [Real(0, weight: 100), Real(1, weight: 1)];
        Assert.Equal("ABAB", Sequence(Create(SchedulerKind.RoundRobin, reals), reals, 4));
    }

    [Fact]
    public void Pick_NoneEligible_ReturnsMinusOne()
    {
        SchedulerReal[] reals = [Real(0, available: false), Real(1, weight: 0)];
        Assert.Equal("---", Sequence(Create(SchedulerKind.RoundRobin, reals), reals, 3));
        Assert.Equal("--", Sequence(Create(SchedulerKind.RoundRobin, []), [], 2));
    }

    [Fact]
    public void Pick_ConcurrentWorkers_EveryRealGetsExactlyItsShare()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2)];
        Scheduler scheduler = Create(SchedulerKind.RoundRobin, reals);
        var counts = new ConnectionCounts(8);
        int[] picks = new int[3];
        const int Threads = 4;
        const int PerThread = 30_000;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            int[] local = new int[3];
            var flow = Flow(0x0A000001);
            for (int i = 0; i < PerThread; i++)
            {
                local[scheduler.Pick(flow, 0, counts)]++;
            }

            for (int r = 0; r < 3; r++)
            {
                Interlocked.Add(ref picks[r], local[r]);
            }
        });

        Assert.Equal([40_000, 40_000, 40_000], picks);
    }
}
