
namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Every packet a SYN of a flow never seen before: parse, classify, flow-table miss, Maglev pick, insert,
/// encapsulate. The table has room: after every eighth of its capacity the clock jumps past the SYN timeout, so
/// the worker's sweep and the inserts find free or expired slots (a bucket of 8 would have to draw more than 8
/// of a round's flows, at a mean of 1, to evict a live one).
/// </summary>
public sealed class NewFlowWorkload : PipelineWorkload
{
    private readonly FreshSynWriter _syns;
    private readonly int _round;
    private readonly long _jump;
    private int _inRound;

    public NewFlowWorkload(BenchSettings settings)
        : base(settings)
    {
        _syns = new FreshSynWriter(settings.PacketLength);
        _round = Math.Max(1, Worker.Flows.Capacity / 8);
        _jump = (long)Worker.Flows.Timeouts.TcpSyn.TotalMilliseconds + 1;
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
            if (++_inRound == _round)
            {
                _inRound = 0;
                Now += _jump;
            }
        }

        return forwarded + Flush();
    }
}
