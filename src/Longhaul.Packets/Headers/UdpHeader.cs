using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>A read-only view of a UDP header (RFC 768) and what follows it in the span.</summary>
public readonly ref struct UdpHeader
{
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _datagram;

    private UdpHeader(ReadOnlySpan<byte> datagram) => _datagram = datagram;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> datagram, out UdpHeader header)
    {
        header = default;
        if (datagram.Length < Length)
        {
            return false;
        }

        header = new UdpHeader(datagram);
        return true;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_datagram);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_datagram[2..]);

    /// <summary>The length field (header + payload) as sent; not checked against the span.</summary>
    public ushort DatagramLength => BinaryPrimitives.ReadUInt16BigEndian(_datagram[4..]);

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_datagram[6..]);

    /// <summary>Everything after the 8 header bytes that the span holds.</summary>
    public ReadOnlySpan<byte> Payload => _datagram[Length..];
}
