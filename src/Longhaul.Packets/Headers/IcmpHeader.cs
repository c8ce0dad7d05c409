using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>A read-only view of an ICMPv4 message (RFC 792): the 8-byte header and the payload after it.</summary>
public readonly ref struct IcmpHeader
{
    public const int Length = 8;

    public const byte TypeEchoReply = 0;
    public const byte TypeDestinationUnreachable = 3;
    public const byte TypeSourceQuench = 4;
    public const byte TypeRedirect = 5;
    public const byte TypeEchoRequest = 8;
    public const byte TypeTimeExceeded = 11;
    public const byte TypeParameterProblem = 12;
    public const byte CodeFragmentationNeeded = 4;

    private readonly ReadOnlySpan<byte> _message;

    private IcmpHeader(ReadOnlySpan<byte> message) => _message = message;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> message, out IcmpHeader header)
    {
        header = default;
        if (message.Length < Length)
        {
            return false;
        }

        header = new IcmpHeader(message);
        return true;
    }

    /// <summary>The error types that quote the offending packet and are steered by its flow (RFC 792).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsErrorType(byte type) =>
        type is TypeDestinationUnreachable or TypeTimeExceeded or TypeParameterProblem;

    public byte Type => _message[0];

    public byte Code => _message[1];

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_message[2..]);

    /// <summary>Bytes 4..7: echo id and sequence, or unused + next-hop MTU for fragmentation-needed (RFC 1191).</summary>
    public uint RestOfHeader => BinaryPrimitives.ReadUInt32BigEndian(_message[4..]);

    /// <summary>For errors, the quoted original packet (its IP header first).</summary>
    public ReadOnlySpan<byte> Payload => _message[Length..];

    public bool IsError => IsErrorType(_message[0]);

    public bool HasValidChecksum => InternetChecksum.IsValid(_message);
}
