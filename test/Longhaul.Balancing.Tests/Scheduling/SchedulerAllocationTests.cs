using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Scheduling.SchedulingTestData;

namespace Longhaul.Balancing.Tests.Scheduling;

public sealed class SchedulerAllocationTests
{
    public static TheoryData<SchedulerKind> Kinds()
    {
        var data = new TheoryData<SchedulerKind>();
        foreach (SchedulerKind kind in Enum.GetValues<SchedulerKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pick_TenThousandFlows_AllocatesNothing(SchedulerKind kind)
    {
        SchedulerReal[] reals = [Real(0, weight: 3), Real(1, available: false), Real(2, weight: 1), Real(3, weight: 2), Real(4, weight: 0)];
        Scheduler scheduler = Create(kind, reals, new SchedulerOptions(Seed: 3, MaglevTableSize: 4093, Fallback: true, HashSourcePort: true));
        ConnectionCounts counts = Counts((0, 5, 9), (2, 1, 0), (3, 4, 100));
        var flows = new FlowKey[64];
        for (int i = 0; i < flows.Length; i++)
        {
            flows[i] = Flow(0x0A000000u + (uint)(i * 7919), (ushort)(1024 + i), 0xCB007100u + (uint)i);
        }

        int sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += scheduler.Pick(flows[i & 63], (ulong)i * 0x9E3779B97F4A7C15UL, counts); // warm up (JIT, tiering)
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sum += scheduler.Pick(flows[i & 63], (ulong)i * 0x9E3779B97F4A7C15UL, counts);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(int.MinValue, sum); // keeps the loop observable
    }
}
