using System.Text;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Tests.Scheduling;

/// <summary>Builders for reals and flows; reals are named A, B, C… by id so sequences read like the reference.</summary>
internal static class SchedulingTestData
{
    public static SchedulerReal Real(int id, int weight = 1, bool available = true, ushort port = 80) =>
        new(id, NetAddress.FromV4(0xC6336400u + (uint)id + 1), port, weight, available); // 198.51.100.(id+1)

    public static char Name(int realId) => (char)('A' + realId);

    public static FlowKey Flow(uint source, ushort sourcePort = 40000, uint destination = 0xCB00710Au /* 203.0.113.10 */) =>
        new(NetAddress.FromV4(source), NetAddress.FromV4(destination), sourcePort, 80, IpProtocol.Tcp);

    /// <summary>Names of the reals picked by <paramref name="count"/> consecutive calls ('-' for none).</summary>
    public static string Sequence(Scheduler scheduler, SchedulerReal[] reals, int count, ConnectionCounts? counts = null)
    {
        counts ??= new ConnectionCounts(64);
        var text = new StringBuilder(count);
        FlowKey flow = Flow(0x0A000001);
        for (int i = 0; i < count; i++)
        {
            int picked = scheduler.Pick(flow, (ulong)i, counts);
            text.Append(picked < 0 ? '-' : Name(reals[picked].RealId));
        }

        return text.ToString();
    }

    public static Scheduler Create(SchedulerKind kind, SchedulerReal[] reals, SchedulerOptions? options = null) =>
        Scheduler.Create(kind, reals, options ?? new SchedulerOptions());

    public static ConnectionCounts Counts(params (int RealId, int Active, int Inactive)[] entries)
    {
        var counts = new ConnectionCounts(64);
        foreach ((int id, int active, int inactive) in entries)
        {
            counts.AddActive(id, active);
            counts.AddInactive(id, inactive);
        }

        return counts;
    }
}
