using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>A read-only view of the fixed 40-byte IPv6 header (RFC 8200). Extension headers are walked by <see cref="PacketParser"/>.</summary>
public readonly ref struct Ipv6Header
{
    public const int Length = 40;

    private readonly ReadOnlySpan<byte> _header;

    private Ipv6Header(ReadOnlySpan<byte> header) => _header = header;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Length || (packet[0] >> 4) != 6)
        {
            return false;
        }

        header = new Ipv6Header(packet[..Length]);
        return true;
    }

    public ReadOnlySpan<byte> Bytes => _header;

    /// <summary>DSCP (upper 6 bits) and ECN (lower 2 bits), the same layout as the IPv4 TOS byte.</summary>
    public byte TrafficClass => (byte)((_header[0] << 4) | (_header[1] >> 4));

    public uint FlowLabel => BinaryPrimitives.ReadUInt32BigEndian(_header) & 0x000F_FFFF;

    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_header[4..]);

    public IpProtocol NextHeader => (IpProtocol)_header[6];

    public byte HopLimit => _header[7];

    public NetAddress Source => NetAddress.FromV6Bytes(_header[8..]);

    public NetAddress Destination => NetAddress.FromV6Bytes(_header[24..]);
}
