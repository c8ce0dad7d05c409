using System.Diagnostics;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;
using Xunit.Abstractions;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class MaglevTableTests
{
    private const ulong Seed = 0x5EED_0F_10A6_4A01;
    private readonly ITestOutputHelper _output;

    public MaglevTableTests(ITestOutputHelper output) => _output = output;

    /// <summary>Reals spread over a few "data centres" and ports, ids 0..n−1.</summary>
    private static SchedulerReal[] Reals(params int[] weights)
    {
        var reals = new SchedulerReal[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            var address = NetAddress.FromV4(0x64400000u + ((uint)(i % 5) << 8) + (uint)(i + 10)); // 100.64.dc.x
            reals[i] = new SchedulerReal(i, address, (ushort)(8080 + (i % 2)), weights[i], true);
        }

        return reals;
    }

    /// <summary>Owner of every slot as a real id, which is what must agree across directors.</summary>
    private static int[] OwnerIds(MaglevTable table, IReadOnlyList<SchedulerReal> reals)
    {
        int[] owners = new int[table.Size];
        for (int slot = 0; slot < owners.Length; slot++)
        {
            int index = table.Lookup((ulong)slot);
            owners[slot] = index < 0 ? -1 : reals[index].RealId;
        }

        return owners;
    }

    private void AssertSharesNearIdeal(SchedulerReal[] reals, int size)
    {
        MaglevTable table = MaglevTable.Build(reals, Seed, size);
        Assert.True(size > 100 * reals.Length);
        int[] counted = new int[reals.Length];
        foreach (int owner in OwnerIds(table, reals))
        {
            counted[owner]++;
        }

        double totalWeight = reals.Sum(r => (double)r.Weight);
        double worst = 0;
        for (int i = 0; i < reals.Length; i++)
        {
            double ideal = size * reals[i].Weight / totalWeight;
            double relative = Math.Abs(counted[i] - ideal) / ideal;
            worst = Math.Max(worst, relative);
            Assert.Equal(counted[i], table.SlotCount(i));
            Assert.True(relative <= 0.01, $"real {i}: {counted[i]} slots, ideal {ideal:F1}");
        }

        _output.WriteLine($"M={size} N={reals.Length}: worst relative deviation from weighted ideal {worst:P3}");
    }

    [Fact]
    public void Build_EqualWeights_EachShareWithinOnePercentOfIdeal()
    {
        AssertSharesNearIdeal(Reals(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), MaglevTable.DefaultSize);
        AssertSharesNearIdeal(Reals(100, 100, 100, 100, 100, 100, 100), 4093);
    }

    [Fact]
    public void Build_UnequalWeights_EachShareWithinOnePercentOfIdeal()
    {
        AssertSharesNearIdeal(Reals(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), MaglevTable.DefaultSize);
        AssertSharesNearIdeal(Reals(100, 1, 50, 7, 255, 3), MaglevTable.DefaultSize);
        AssertSharesNearIdeal(Reals(3, 1, 2), 16381);
    }

    [Fact]
    public void Build_TinyWeightBesideHugeOnes_StillGetsItsSlot()
    {
        SchedulerReal[] reals = Reals(Scheduler.MaxWeight, 1, Scheduler.MaxWeight);
        MaglevTable table = MaglevTable.Build(reals, Seed);
        Assert.Equal(1, table.SlotCount(1)); // ideal 0.5 rounds up by largest remainder
        Assert.Equal(table.Size, table.SlotCount(0) + table.SlotCount(1) + table.SlotCount(2));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(5)]
    [InlineData(40)]
    public void Build_RemoveOneReal_MovesAboutOneNthOfSlots(int n)
    {
        SchedulerReal[] reals = Reals(Enumerable.Repeat(10, n).ToArray());
        int[] before = OwnerIds(MaglevTable.Build(reals, Seed), reals);
        double worst = 0;
        for (int removed = 0; removed < n; removed++)
        {
            SchedulerReal[] remaining = reals.Where(r => r.RealId != removed).ToArray();
            int[] after = OwnerIds(MaglevTable.Build(remaining, Seed), remaining);
            int moved = 0;
            for (int slot = 0; slot < before.Length; slot++)
            {
                moved += before[slot] != after[slot] ? 1 : 0;
            }

            double fraction = moved / (double)before.Length;
            worst = Math.Max(worst, fraction);
            Assert.True(fraction <= 1.5 / n, $"removing real {removed} of {n} moved {fraction:P2} of slots");
        }

        _output.WriteLine($"N={n}: removing one real moved at most {worst:P2} of slots (1/N = {1.0 / n:P2}, bound {1.5 / n:P2})");
    }

    [Fact]
    public void Build_MarkingOneRealUnavailable_SameAsRemovingIt()
    {
        SchedulerReal[] reals = Reals(3, 1, 2, 5);
        SchedulerReal[] down = reals.Select(r => r.RealId == 2 ? r with { Available = false } : r).ToArray();
        SchedulerReal[] removed = reals.Where(r => r.RealId != 2).ToArray();
        MaglevTable downTable = MaglevTable.Build(down, Seed);
        Assert.Equal(OwnerIds(MaglevTable.Build(removed, Seed), removed), OwnerIds(downTable, down));
        Assert.Equal(0, downTable.SlotCount(2));
    }

    [Fact]
    public void Build_SameSeedAndConfig_IdenticalTables()
    {
        SchedulerReal[] reals = Reals(4, 4, 2, 1, 8);
        MaglevTable first = MaglevTable.Build(reals, Seed);
        MaglevTable second = MaglevTable.Build(reals.ToArray(), Seed);
        Assert.Equal(OwnerIds(first, reals), OwnerIds(second, reals));
        Assert.Equal(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Build_DifferentSeed_DifferentTable()
    {
        SchedulerReal[] reals = Reals(4, 4, 2, 1, 8);
        int[] a = OwnerIds(MaglevTable.Build(reals, Seed), reals);
        MaglevTable other = MaglevTable.Build(reals, Seed + 1);
        int[] b = OwnerIds(other, reals);
        int differ = a.Zip(b).Count(pair => pair.First != pair.Second);
        Assert.True(differ > a.Length / 2, $"only {differ} of {a.Length} slots differ");
        Assert.NotEqual(MaglevTable.Build(reals, Seed).Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void Build_ShuffledListOrder_SameRealIdentityInEverySlot()
    {
        SchedulerReal[] reals = Reals(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8);
        MaglevTable reference = MaglevTable.Build(reals, Seed);
        int[] expected = OwnerIds(reference, reals);
        var random = new Random(12);
        for (int shuffle = 0; shuffle < 5; shuffle++)
        {
            SchedulerReal[] shuffled = reals.ToArray();
            random.Shuffle(shuffled);
            MaglevTable table = MaglevTable.Build(shuffled, Seed);
            Assert.Equal(expected, OwnerIds(table, shuffled));
            Assert.Equal(reference.Fingerprint, table.Fingerprint);
        }
    }

    [Fact]
    public void Fingerprint_OneWeightChanged_Changes()
    {
        SchedulerReal[] reals = Reals(1, 1, 1);
        SchedulerReal[] heavier = reals.Select(r => r.RealId == 0 ? r with { Weight = 2 } : r).ToArray();
        Assert.NotEqual(MaglevTable.Build(reals, Seed).Fingerprint, MaglevTable.Build(heavier, Seed).Fingerprint);
    }

    [Fact]
    public void Lookup_HashBeyondSize_UsesHashModuloSize()
    {
        SchedulerReal[] reals = Reals(1, 2, 3);
        MaglevTable table = MaglevTable.Build(reals, Seed, 251);
        for (ulong hash = 0; hash < 251; hash++)
        {
            Assert.Equal(table.Lookup(hash), table.Lookup(hash + (251UL * 1_000_003)));
            Assert.Equal(table.Lookup(hash), table.Lookup(ulong.MaxValue - (ulong.MaxValue % 251) - 251 + hash));
        }
    }

    [Fact]
    public void Build_WeightZeroAndUnavailable_NeverLookedUp()
    {
        SchedulerReal[] reals = Reals(1, 0, 1, 1);
        reals[3] = reals[3] with { Available = false };
        MaglevTable table = MaglevTable.Build(reals, Seed, 4093);
        Assert.Equal(0, table.SlotCount(1));
        Assert.Equal(0, table.SlotCount(3));
        Assert.DoesNotContain(1, OwnerIds(table, reals));
        Assert.DoesNotContain(3, OwnerIds(table, reals));
        Assert.Equal(4093, table.SlotCount(0) + table.SlotCount(2));
    }

    [Fact]
    public void Build_NoEligibleReal_LookupReturnsMinusOne()
    {
        SchedulerReal[] reals = Reals(0, 0);
        MaglevTable table = MaglevTable.Build(reals, Seed);
        Assert.Equal(-1, table.Lookup(12345));
        Assert.Equal(-1, MaglevTable.Build([], Seed).Lookup(0));
        Assert.Equal(MaglevTable.DefaultSize, table.Size);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65536)]
    [InlineData(65535)]
    [InlineData(4095)]
    [InlineData(-7)]
    [InlineData(16744463)] // 4091 · 4093: no factor below the square root's neighbourhood
    public void Build_SizeNotPrime_Throws(int size)
    {
        Assert.False(MaglevTable.IsValidSize(size));
        Assert.Throws<ArgumentException>(() => MaglevTable.Build(Reals(1, 1), Seed, size));
        Assert.Throws<ArgumentException>(() => Scheduler.Create(SchedulerKind.Maglev, Reals(1, 1), new SchedulerOptions(MaglevTableSize: size)));
    }

    [Theory]
    [InlineData(251)]
    [InlineData(4093)]
    [InlineData(16381)]
    [InlineData(65521)]
    [InlineData(65537)]
    [InlineData(131071)]
    public void Build_SizePrime_Accepted(int size)
    {
        Assert.True(MaglevTable.IsValidSize(size));
        Assert.Equal(size, MaglevTable.Build(Reals(1, 1), Seed, size).Size);
    }

    [Fact]
    public void Build_MoreEligibleRealsThanSlots_Throws() =>
        Assert.Throws<ArgumentException>(() => MaglevTable.Build(Reals(1, 1, 1), Seed, 2));

    [Fact]
    public void Build_SameAddressAndPortTwice_Throws()
    {
        SchedulerReal[] reals = Reals(1, 1);
        reals[1] = reals[1] with { Address = reals[0].Address, Port = reals[0].Port };
        Assert.Throws<ArgumentException>(() => MaglevTable.Build(reals, Seed));
    }

    [Fact]
    public void Build_SameAddressDifferentPort_DistinctReals()
    {
        SchedulerReal[] reals = Reals(1, 1);
        reals[1] = reals[1] with { Address = reals[0].Address, Port = (ushort)(reals[0].Port + 1) };
        MaglevTable table = MaglevTable.Build(reals, Seed);
        Assert.InRange(table.SlotCount(0), 32_000, 33_600);
    }

    [Fact]
    public void Build_DefaultSizeTwelveReals_BuildsInAFewMilliseconds()
    {
        SchedulerReal[] reals = Reals(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        MaglevTable.Build(reals, Seed); // JIT warm-up
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            MaglevTable.Build(reals, Seed + (ulong)i);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        _output.WriteLine($"M=65537, 12 weighted reals: median build {times[2]:F2} ms (min {times[0]:F2}, max {times[4]:F2})");
        Assert.True(times[2] < 100, $"median build took {times[2]:F1} ms"); // generous for a loaded CI box; expect a few ms
    }

    [Fact]
    public void Scheduler_Maglev_PicksTableLookupOfFlowHash()
    {
        SchedulerReal[] reals = Reals(2, 1, 1);
        var scheduler = (MaglevScheduler)Scheduler.Create(SchedulerKind.Maglev, reals, new SchedulerOptions(Seed: Seed, MaglevTableSize: 4093));
        Assert.Equal(SchedulerKind.Maglev, scheduler.Kind);
        Assert.Equal(4093, scheduler.Table.Size);
        var counts = new ConnectionCounts(4);
        FlowKey flow = SchedulingTestData.Flow(1);
        for (ulong hash = 0; hash < 10_000; hash += 7)
        {
            Assert.Equal(scheduler.Table.Lookup(hash), scheduler.Pick(flow, hash, counts));
        }
    }
}
