using Longhaul.Balancing.Flows;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// New flows arriving at a full table: every SYN misses, is scheduled and evicts the live entry nearest to
/// expiry in its bucket. Timeouts are a day so nothing expires on its own; setup inserts flows until every
/// bucket is full, so the measurement starts with a full table.
/// </summary>
public sealed class ChurnWorkload : PipelineWorkload
{
    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    private readonly FreshSynWriter _syns;

    public ChurnWorkload(BenchSettings settings)
        : base(settings, new FlowTimeouts(s_day, s_day, s_day, s_day))
    {
        _syns = new FreshSynWriter(settings.PacketLength);
        int capacity = Worker.Flows.Capacity;
        for (int round = 0; round < 64 && Worker.Flows.Occupied < capacity; round++)
        {
            Run(capacity);
        }
    }

    public override int BytesPerPacket => _syns.Length;

    public override int Run(int packets)
    {
        int forwarded = 0;
        int length = _syns.Length;
        for (int i = 0; i < packets; i++)
        {
            _syns.Write(NextPacket());
            forwarded += Submit(length);
        }

        return forwarded + Flush();
    }
}
