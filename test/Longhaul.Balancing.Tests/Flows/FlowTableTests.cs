using System.Runtime.CompilerServices;
using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Tests.Flows;

public sealed class FlowTableTests
{
    private static readonly FlowTimeouts s_timeouts = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    private static FlowKey Key(int i) => new(
        NetAddress.FromV4(0xC633_6400u + (uint)i), NetAddress.Parse("203.0.113.10"), (ushort)(1024 + i), 80, IpProtocol.Tcp);

    [Fact]
    public void Find_AfterInsert_ReturnsTheEntryUntilItExpires()
    {
        var table = new FlowTable(64, s_timeouts);
        FlowKey key = Key(1);
        ulong hash = FlowHasher.Hash(key, 1);
        table.Insert(key, hash, realId: 3, FlowState.Established, now: 0);

        ref FlowSlot live = ref table.Find(key, hash, now: 9_999);
        Assert.False(Unsafe.IsNullRef(ref live));
        Assert.Equal(3, live.RealId);
        Assert.True(Unsafe.IsNullRef(ref table.Find(key, hash, now: 20_000)));
        Assert.Equal(1, table.Expirations);
        Assert.Equal(0, table.Occupied);
    }

    [Fact]
    public void Insert_FullBucket_EvictsTheSlotNearestExpiryAndCountsIt()
    {
        var table = new FlowTable(FlowTable.Ways, s_timeouts);   // a single bucket
        for (int i = 0; i < FlowTable.Ways; i++)
        {
            table.Insert(Key(i), FlowHasher.Hash(Key(i), 1), i, FlowState.Established, now: i * 100);
        }

        table.Insert(Key(99), FlowHasher.Hash(Key(99), 1), 99, FlowState.Established, now: 1000);

        Assert.Equal(1, table.Evictions);
        Assert.True(Unsafe.IsNullRef(ref table.Find(Key(0), FlowHasher.Hash(Key(0), 1), 1000)));
        for (int i = 1; i < FlowTable.Ways; i++)
        {
            Assert.False(Unsafe.IsNullRef(ref table.Find(Key(i), FlowHasher.Hash(Key(i), 1), 1000)));
        }
    }

    [Fact]
    public void Insert_FullBucketWithAnExpiredSlot_ReusesItWithoutEviction()
    {
        var table = new FlowTable(FlowTable.Ways, s_timeouts);
        table.Insert(Key(0), FlowHasher.Hash(Key(0), 1), 0, FlowState.SynSent, now: 0);
        for (int i = 1; i < FlowTable.Ways; i++)
        {
            table.Insert(Key(i), FlowHasher.Hash(Key(i), 1), i, FlowState.Established, now: 0);
        }

        table.Insert(Key(50), FlowHasher.Hash(Key(50), 1), 50, FlowState.Established, now: 5_000);

        Assert.Equal(0, table.Evictions);
        Assert.Equal(1, table.Expirations);
    }

    [Fact]
    public void Touch_StateChanges_MoveConnectionsBetweenActiveAndInactive()
    {
        var counts = new ConnectionCounts(16);
        var table = new FlowTable(64, s_timeouts, counts);
        FlowKey key = Key(1);
        ulong hash = FlowHasher.Hash(key, 1);

        ref FlowSlot entry = ref table.Insert(key, hash, 5, FlowState.SynSent, 0);
        Assert.Equal((0, 1), (counts.Active(5), counts.Inactive(5)));
        table.Touch(ref entry, FlowState.Established, 10);
        Assert.Equal((1, 0), (counts.Active(5), counts.Inactive(5)));
        table.Rebind(ref entry, 6);
        Assert.Equal((0, 0, 1), (counts.Active(5), counts.Inactive(5), counts.Active(6)));
        table.Touch(ref entry, FlowState.Closing, 20);
        Assert.Equal((0, 1), (counts.Active(6), counts.Inactive(6)));
        table.Remove(ref entry);
        Assert.Equal((0, 0), (counts.Active(6), counts.Inactive(6)));
    }

    [Fact]
    public void Sweep_ExpiredFlows_FreedAndUncounted()
    {
        var counts = new ConnectionCounts(16);
        var table = new FlowTable(1024, s_timeouts, counts);
        for (int i = 0; i < 100; i++)
        {
            table.Insert(Key(i), FlowHasher.Hash(Key(i), 1), 1, FlowState.Established, now: 0);
        }

        Assert.Equal(100, counts.Active(1));
        int freed = table.Sweep(now: 10_001, budget: table.Capacity);

        Assert.Equal(100, freed);
        Assert.Equal(0, counts.Active(1));
        Assert.Equal(0, table.Occupied);
    }

    [Fact]
    public void Insert_ManyMoreFlowsThanCapacity_OccupancyStaysBounded()
    {
        var table = new FlowTable(1024, s_timeouts);
        for (int i = 0; i < 100_000; i++)
        {
            FlowKey key = Key(i);
            table.Insert(key, FlowHasher.Hash(key, 1), 0, FlowState.Established, now: i);
        }

        Assert.Equal(1024, table.Occupied);
        Assert.Equal(100_000 - 1024, table.Evictions);
    }

    [Fact]
    public void Find_ClockCrossingA32BitBoundary_ExpiresOnTime()
    {
        // Expiries are stored in 32 bits: a flow inserted just before the clock passes 2^32 ms must neither
        // expire at once nor live forever.
        var table = new FlowTable(64, s_timeouts);
        FlowKey key = Key(1);
        ulong hash = FlowHasher.Hash(key, 1);
        long start = (1L << 32) - 3_000;
        table.Insert(key, hash, realId: 3, FlowState.Established, now: start);

        Assert.False(Unsafe.IsNullRef(ref table.Find(key, hash, now: start + 9_999)));
        Assert.Equal(start + 10_000, ExpiryOf(table, start + 9_999));
        table.Touch(ref table.Find(key, hash, now: start + 9_999), FlowState.Established, start + 9_999);
        Assert.True(Unsafe.IsNullRef(ref table.Find(key, hash, now: start + 9_999 + 10_000)));
    }

    [Fact]
    public void Find_KeysThatShareBucketAndTag_ComparedOnEveryByte()
    {
        // The same hash for every key forces one bucket and one tag: only the key compare tells them apart,
        // down to the protocol (the key's last byte) and each port.
        var table = new FlowTable(64, s_timeouts);
        FlowKey tcp = Key(1);
        FlowKey[] keys = [tcp, tcp with { Protocol = IpProtocol.Udp }, tcp with { SourcePort = 1 }, tcp with { DestinationPort = 81 }, tcp with { Destination = NetAddress.Parse("203.0.113.11") }];
        for (int i = 0; i < keys.Length; i++)
        {
            table.Insert(keys[i], hash: 42, realId: i, FlowState.Established, now: 0);
        }

        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i, table.Find(keys[i], 42, now: 1).RealId);
        }

        Assert.True(Unsafe.IsNullRef(ref table.Find(tcp with { SourcePort = 2 }, 42, now: 1)));
    }

    [Fact]
    public void Constructor_TimeoutBeyond32BitClock_Refused()
    {
        var tooLong = new FlowTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromDays(25), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowTable(64, tooLong));
    }

    [Fact]
    public void SetExpiry_TemplateLifetime_ReportedByCopyLiveAndEnforcedByFind()
    {
        var table = new FlowTable(64, s_timeouts);
        FlowKey key = Key(1);
        ulong hash = FlowHasher.Hash(key, 1);
        table.SetExpiry(ref table.Insert(key, hash, 1, FlowState.Datagram, now: 100), 100, TimeSpan.FromMinutes(30));

        Assert.Equal(100 + 1_800_000, ExpiryOf(table, 200));
        Assert.False(Unsafe.IsNullRef(ref table.Find(key, hash, now: 1_800_099)));
        Assert.True(Unsafe.IsNullRef(ref table.Find(key, hash, now: 1_800_100)));
    }

    [Fact]
    public void Prefetch_AnyHash_ChangesNothing()
    {
        var table = new FlowTable(64, s_timeouts);
        FlowKey key = Key(1);
        ulong hash = FlowHasher.Hash(key, 1);
        table.Insert(key, hash, 1, FlowState.Established, now: 0);

        for (ulong h = 0; h < 1000; h++)
        {
            table.Prefetch(h * 0x9E37_79B9_7F4A_7C15UL);
            table.PrefetchSlot(h * 0x9E37_79B9_7F4A_7C15UL, now: 20_000);
        }

        Assert.Equal(1, table.Occupied);
        Assert.Equal(0, table.Expirations);
    }

    private static long ExpiryOf(FlowTable table, long now)
    {
        var live = new FlowEntry[table.Capacity];
        int count = table.CopyLive(now, live);
        return count == 1 ? live[0].ExpiresAt : -1;
    }
}

