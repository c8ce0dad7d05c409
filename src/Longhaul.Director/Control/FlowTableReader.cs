using Longhaul.Balancing.Flows;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>
/// Read-only looks into a worker's flow table from the control thread. <see cref="FlowTable.Find"/> would free an
/// expired slot (a write the worker does not expect from another thread), so these copy live entries with
/// <see cref="FlowTable.CopyLive"/> instead. The worker keeps writing meanwhile: an entry may be a packet old,
/// which is fine for a diagnosis. Cost is one pass over the table, once per admin request.
/// </summary>
internal static class FlowTableReader
{
    /// <summary>Live entries: at most <paramref name="limit"/>, counted against what the table says it holds.</summary>
    public static ReadOnlySpan<FlowEntry> Live(FlowTable table, long now, int limit = int.MaxValue)
    {
        // Occupied counts entries not yet found expired, so it bounds the live ones; a little slack covers
        // inserts racing this read.
        int size = (int)Math.Min(Math.Min((long)table.Capacity, (long)table.Occupied + 256), limit);
        if (size <= 0)
        {
            return [];
        }

        var buffer = new FlowEntry[size];
        int count = table.CopyLive(now, buffer);
        return buffer.AsSpan(0, count);
    }

    public static bool TryFind(FlowTable table, in FlowKey key, long now, out FlowEntry entry)
    {
        foreach (ref readonly FlowEntry candidate in Live(table, now))
        {
            if (candidate.Key == key)
            {
                entry = candidate;
                return true;
            }
        }

        entry = default;
        return false;
    }
}
