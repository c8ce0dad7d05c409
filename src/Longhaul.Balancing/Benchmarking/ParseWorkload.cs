using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>Parser alone on an established flow's data packet: IPv4 checks, header checksum, TCP ports and flags.</summary>
public sealed class ParseWorkload : PacketWorkload
{
    private readonly EstablishedPackets _packets;

    public ParseWorkload(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _packets = new EstablishedPackets(1, settings.PacketLength);
    }

    public override int BytesPerPacket => _packets.Length;

    public override int Run(int packets)
    {
        int parsed = 0;
        ReadOnlySpan<byte> packet = _packets.Packet(0);
        for (int i = 0; i < packets; i++)
        {
            if (PacketParser.Parse(packet, out ParsedPacket result) == ParseStatus.Ok && result.Flow.SourcePort != 0)
            {
                parsed++;
            }
        }

        return parsed;
    }
}
