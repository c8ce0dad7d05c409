using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class SourceHashingSchedulerTests
{
    private static readonly ConnectionCounts s_counts = new(16);

    /// <summary>The kernel's <c>hash_32(port + addr, 8)</c>, restated independently of the code under test.</summary>
    private static int KernelBucket(uint source, ushort port = 0) => (int)(unchecked((source + port) * 0x61C88647u) >> 24);

    [Fact]
    public void Pick_SeedZero_MatchesKernelBucketAndFill()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2)]; // weight 1: bucket b belongs to list entry b mod 3
        Scheduler scheduler = Create(SchedulerKind.SourceHashing, reals);
        var random = new Random(11);
        for (int i = 0; i < 1000; i++)
        {
            uint source = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(KernelBucket(source) % 3, scheduler.Pick(Flow(source, (ushort)i), 0, s_counts));
        }
    }

    [Fact]
    public void Pick_Weights_EachRealTakesWeightConsecutiveBuckets()
    {
        // Buckets A A B A A B …: 256 = 85·3 + 1, so A owns 171 and B 85.
        SchedulerReal[] reals = [Real(0, weight: 2), Real(1, weight: 1)];
        Scheduler scheduler = Create(SchedulerKind.SourceHashing, reals);
        for (uint source = 0; source < 50_000; source++)
        {
            int bucket = KernelBucket(source * 7919);
            Assert.Equal(bucket % 3 == 2 ? 1 : 0, scheduler.Pick(Flow(source * 7919), 0, s_counts));
        }
    }

    [Fact]
    public void Pick_RandomSources_SpreadByWeight()
    {
        SchedulerReal[] reals = [Real(0, weight: 2), Real(1, weight: 1)];
        Scheduler scheduler = Create(SchedulerKind.SourceHashing, reals, new SchedulerOptions(Seed: 0xFEED));
        var random = new Random(3);
        int[] picks = new int[2];
        const int Flows = 200_000;
        for (int i = 0; i < Flows; i++)
        {
            picks[scheduler.Pick(Flow((uint)random.NextInt64(0, 1L << 32)), 0, s_counts)]++;
        }

        Assert.InRange(picks[0] / (double)Flows, (171 / 256.0) - 0.01, (171 / 256.0) + 0.01);
    }

    [Fact]
    public void Pick_SameSource_SameRealAcrossInstancesAndPorts()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2), Real(3)];
        var options = new SchedulerOptions(Seed: 42);
        Scheduler first = Create(SchedulerKind.SourceHashing, reals, options);
        Scheduler second = Create(SchedulerKind.SourceHashing, reals, options);
        for (uint source = 0x0A000000; source < 0x0A000400; source++)
        {
            int picked = first.Pick(Flow(source, 1000), 0, s_counts);
            Assert.Equal(picked, second.Pick(Flow(source, 1000), 0, s_counts));
            Assert.Equal(picked, first.Pick(Flow(source, 65000, destination: 0x01020304), 99, s_counts));
        }
    }

    [Fact]
    public void Pick_HashSourcePort_PortsOfOneSourceSpread()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2), Real(3)];
        Scheduler scheduler = Create(SchedulerKind.SourceHashing, reals, new SchedulerOptions(HashSourcePort: true));
        var seen = new HashSet<int>();
        for (ushort port = 1024; port < 1124; port++)
        {
            int picked = scheduler.Pick(Flow(0x0A000001, port), 0, s_counts);
            Assert.Equal(KernelBucket(0x0A000001, port) % 4, picked);
            seen.Add(picked);
        }

        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public void Pick_DifferentSeed_DifferentMapping()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2), Real(3)];
        Scheduler zero = Create(SchedulerKind.SourceHashing, reals);
        Scheduler seeded = Create(SchedulerKind.SourceHashing, reals, new SchedulerOptions(Seed: 0x1234_5678_9ABC));
        int differ = 0;
        for (uint source = 0; source < 1000; source++)
        {
            differ += zero.Pick(Flow(source * 104729), 0, s_counts) != seeded.Pick(Flow(source * 104729), 0, s_counts) ? 1 : 0;
        }

        Assert.InRange(differ, 500, 1000); // about 3/4 expected
    }

    [Fact]
    public void Pick_UnusableReal_NoRealWithoutFallback_DeterministicProbeWithFallback()
    {
        SchedulerReal[] reals = [Real(0), Real(1, available: false), Real(2, weight: 0), Real(3)];
        Scheduler strict = Create(SchedulerKind.SourceHashing, reals);
        Scheduler fallback = Create(SchedulerKind.SourceHashing, reals, new SchedulerOptions(Fallback: true));
        var fallbackTargets = new HashSet<int>();
        for (uint source = 0; source < 5000; source++)
        {
            uint address = source * 2654435761u;
            int bucket = KernelBucket(address);
            int owner = bucket % 4; // weight 0 still takes one bucket in the kernel's fill
            int expected = owner is 1 or 2 ? -1 : owner;
            Assert.Equal(expected, strict.Pick(Flow(address), 0, s_counts));

            int probed = fallback.Pick(Flow(address), 0, s_counts);
            if (expected >= 0)
            {
                Assert.Equal(expected, probed);
                continue;
            }

            // Kernel re-probe: buckets (offset + 2·hash) mod 256 for offset 0, 1, …; the first usable one.
            int offset = 0;
            while (((offset + (2 * bucket)) & 255) % 4 is 1 or 2)
            {
                offset++;
            }

            Assert.Equal(((offset + (2 * bucket)) & 255) % 4, probed);
            Assert.Equal(probed, fallback.Pick(Flow(address), 0, s_counts));
            fallbackTargets.Add(probed);
        }

        Assert.Equal([0, 3], fallbackTargets.Order());
    }

    [Fact]
    public void Pick_NothingUsable_ReturnsMinusOneEvenWithFallback()
    {
        var options = new SchedulerOptions(Fallback: true);
        Assert.Equal(-1, Create(SchedulerKind.SourceHashing, [Real(0, available: false), Real(1, weight: 0)], options).Pick(Flow(5), 0, s_counts));
        Assert.Equal(-1, Create(SchedulerKind.SourceHashing, [], options).Pick(Flow(5), 0, s_counts));
    }

    [Fact]
    public void Pick_IPv6Source_FoldsTheFourWords()
    {
        SchedulerReal[] reals = [Real(0), Real(1), Real(2)];
        Scheduler scheduler = Create(SchedulerKind.SourceHashing, reals);
        NetAddress source = NetAddress.Parse("2001:db8:1234:5678:9abc:def0:1357:2468");
        uint fold = 0x20010db8u ^ 0x12345678u ^ 0x9abcdef0u ^ 0x13572468u;
        var flow = new FlowKey(source, NetAddress.Parse("2001:db8::10"), 1000, 80, IpProtocol.Tcp);
        Assert.Equal(KernelBucket(fold) % 3, scheduler.Pick(flow, 0, s_counts));
    }
}
