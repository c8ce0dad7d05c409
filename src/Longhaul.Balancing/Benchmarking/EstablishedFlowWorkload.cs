using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// The common case: a data packet of an established TCP flow. Each packet is copied into the buffer (the
/// pipeline rewrites the headroom in place) and processed: parse, classify, flow-table hit, encapsulate.
/// With one flow its table slot stays in L1; with many flows visited round-robin every lookup goes to a
/// different bucket, as on a busy director.
/// </summary>
public sealed class EstablishedFlowWorkload : PipelineWorkload
{
    private readonly EstablishedPackets _packets;
    private int _cursor;

    public EstablishedFlowWorkload(BenchSettings settings, int flows)
        : base(settings)
    {
        _packets = new EstablishedPackets(flows, settings.PacketLength);
        Span<byte> packet = Buffer.AsSpan(PacketLayout.Headroom);
        for (int i = 0; i < flows; i++)
        {
            ForwardOrThrow(EstablishedPackets.WriteSyn(packet, i));
            _packets.Packet(i).CopyTo(packet);
            ForwardOrThrow(_packets.Length);
        }
    }

    public override int BytesPerPacket => _packets.Length;

    public override int Run(int packets)
    {
        int forwarded = 0;
        int length = _packets.Length;
        int flows = _packets.Flows;
        for (int i = 0; i < packets; i++)
        {
            _packets.Packet(_cursor).CopyTo(NextPacket());
            if (++_cursor == flows)
            {
                _cursor = 0;
            }

            forwarded += Submit(length);
        }

        return forwarded + Flush();
    }
}
