using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Longhaul.Packets;

/// <summary>Writes option-less IPv4 headers, checksum included.</summary>
public static class Ipv4HeaderWriter
{
    /// <summary>
    /// Writes a 20-byte header into <paramref name="destination"/>. The checksum is summed from the field values
    /// rather than re-read from memory, which keeps it to a handful of adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(
        Span<byte> destination,
        byte typeOfService,
        ushort totalLength,
        ushort identification,
        bool dontFragment,
        byte ttl,
        IpProtocol protocol,
        uint sourceHostOrder,
        uint destinationHostOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Ipv4Header.MinLength, nameof(destination));

        // The header as five big-endian words built in registers: one length check, five stores.
        uint word0 = (uint)((0x4500 | typeOfService) << 16) | totalLength;
        uint word1 = ((uint)identification << 16) | (dontFragment ? 0x4000u : 0u);
        uint ttlAndProtocol = (uint)((ttl << 8) | (byte)protocol);
        ulong sum = (ulong)(word0 >> 16) + (word0 & 0xFFFF) + (word1 >> 16) + (word1 & 0xFFFF) + ttlAndProtocol
            + (sourceHostOrder >> 16) + (sourceHostOrder & 0xFFFF)
            + (destinationHostOrder >> 16) + (destinationHostOrder & 0xFFFF);
        uint word2 = (ttlAndProtocol << 16) | (ushort)~InternetChecksum.Fold((uint)sum);

        ref byte header = ref MemoryMarshal.GetReference(destination);
        WriteBigEndian(ref header, word0);
        WriteBigEndian(ref Unsafe.Add(ref header, 4), word1);
        WriteBigEndian(ref Unsafe.Add(ref header, 8), word2);
        WriteBigEndian(ref Unsafe.Add(ref header, 12), sourceHostOrder);
        WriteBigEndian(ref Unsafe.Add(ref header, 16), destinationHostOrder);
    }

    /// <summary>Recomputes the checksum of a header already in place (options included).</summary>
    public static void UpdateChecksum(Span<byte> header)
    {
        int headerLength = (header[0] & 0x0F) << 2;
        Span<byte> bytes = header[..headerLength];
        BinaryPrimitives.WriteUInt16BigEndian(bytes[10..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[10..], InternetChecksum.Compute(bytes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteBigEndian(ref byte destination, uint value) =>
        Unsafe.WriteUnaligned(ref destination, BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value);
}
