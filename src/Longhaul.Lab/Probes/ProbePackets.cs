using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Lab.Probes;

/// <summary>Hand-made client packets for the probes: a TCP segment to the VIP, of any size, with DF.</summary>
internal static class ProbePackets
{
    public const int TcpHeaderLength = 20;
    private const byte TcpSyn = 0x02;
    private const byte TcpAck = 0x10;

    /// <summary>
    /// Writes an IPv4 (DF set) or IPv6 packet of exactly <paramref name="totalLength"/> bytes into
    /// <paramref name="buffer"/>[<paramref name="offset"/>..]: a TCP segment (SYN or ACK with payload) with valid checksums.
    /// </summary>
    public static int WriteTcp(Span<byte> buffer, int offset, NetAddress source, NetAddress destination, ushort sourcePort, ushort destinationPort, int totalLength, bool syn)
    {
        bool v6 = !source.IsIPv4;
        int ipLength = v6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        int segmentLength = totalLength - ipLength;
        Span<byte> packet = buffer.Slice(offset, totalLength);
        packet.Clear();
        Span<byte> tcp = packet[ipLength..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], 0x1000_0000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], syn ? 0u : 0x2000_0000);
        tcp[12] = (TcpHeaderLength / 4) << 4;
        tcp[13] = syn ? TcpSyn : TcpAck;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        tcp[TcpHeaderLength..].Fill((byte)'p');

        uint pseudo = v6
            ? InternetChecksum.PseudoHeaderSumV6(source, destination, IpProtocol.Tcp, segmentLength)
            : InternetChecksum.PseudoHeaderSumV4(source, destination, IpProtocol.Tcp, segmentLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Compute(tcp, pseudo));

        if (v6)
        {
            Ipv6HeaderWriter.Write(packet, 0, 0, (ushort)segmentLength, IpProtocol.Tcp, 64, source, destination);
        }
        else
        {
            Ipv4HeaderWriter.Write(packet, 0, (ushort)totalLength, 0x4c48, dontFragment: true, 64, IpProtocol.Tcp, source.V4, destination.V4);
        }

        return totalLength;
    }
}
