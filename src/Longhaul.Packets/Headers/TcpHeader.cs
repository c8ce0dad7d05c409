using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>A read-only view of a TCP header (RFC 9293), options included.</summary>
public readonly ref struct TcpHeader
{
    public const int MinLength = 20;

    private readonly ReadOnlySpan<byte> _header;

    private TcpHeader(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Succeeds when the 20 fixed bytes are present and the data offset is at least 5 words and fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> segment, out TcpHeader header)
    {
        header = default;
        if (segment.Length < MinLength)
        {
            return false;
        }

        int headerLength = (segment[12] >> 4) << 2;
        if (headerLength < MinLength || headerLength > segment.Length)
        {
            return false;
        }

        header = new TcpHeader(segment[..headerLength]);
        return true;
    }

    public ReadOnlySpan<byte> Bytes => _header;

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_header);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_header[2..]);

    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_header[4..]);

    public uint AcknowledgmentNumber => BinaryPrimitives.ReadUInt32BigEndian(_header[8..]);

    /// <summary>The data offset field, in 32-bit words.</summary>
    public int DataOffset => _header[12] >> 4;

    public int HeaderLength => _header.Length;

    /// <summary>The flags byte; test bits with <see cref="TcpFlagBits"/>.</summary>
    public byte Flags => _header[13];

    public bool IsSyn => (_header[13] & TcpFlagBits.Syn) != 0;

    public bool IsAck => (_header[13] & TcpFlagBits.Ack) != 0;

    public bool IsFin => (_header[13] & TcpFlagBits.Fin) != 0;

    public bool IsRst => (_header[13] & TcpFlagBits.Rst) != 0;

    public ushort WindowSize => BinaryPrimitives.ReadUInt16BigEndian(_header[14..]);

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_header[16..]);

    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_header[18..]);

    public ReadOnlySpan<byte> Options => _header[MinLength..];
}
