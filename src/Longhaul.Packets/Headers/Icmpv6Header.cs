using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>A read-only view of an ICMPv6 message (RFC 4443): the 8-byte header and the payload after it.</summary>
public readonly ref struct Icmpv6Header
{
    public const int Length = 8;

    public const byte TypeDestinationUnreachable = 1;
    public const byte TypePacketTooBig = 2;
    public const byte TypeTimeExceeded = 3;
    public const byte TypeParameterProblem = 4;
    public const byte TypeEchoRequest = 128;
    public const byte TypeEchoReply = 129;

    private readonly ReadOnlySpan<byte> _message;

    private Icmpv6Header(ReadOnlySpan<byte> message) => _message = message;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> message, out Icmpv6Header header)
    {
        header = default;
        if (message.Length < Length)
        {
            return false;
        }

        header = new Icmpv6Header(message);
        return true;
    }

    /// <summary>The four error types of RFC 4443 §3, which quote the offending packet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsErrorType(byte type) => type is >= TypeDestinationUnreachable and <= TypeParameterProblem;

    public byte Type => _message[0];

    public byte Code => _message[1];

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_message[2..]);

    /// <summary>Bytes 4..7: the MTU of a Packet Too Big, the pointer of a Parameter Problem, echo id and sequence.</summary>
    public uint RestOfHeader => BinaryPrimitives.ReadUInt32BigEndian(_message[4..]);

    public ReadOnlySpan<byte> Payload => _message[Length..];

    public bool IsError => IsErrorType(_message[0]);

    /// <summary>ICMPv6 checksums cover a pseudo-header, so the addresses of the carrying IPv6 header are needed.</summary>
    public bool HasValidChecksum(in NetAddress source, in NetAddress destination) =>
        InternetChecksum.IsValid(_message, InternetChecksum.PseudoHeaderSumV6(source, destination, IpProtocol.Icmpv6, _message.Length));
}
