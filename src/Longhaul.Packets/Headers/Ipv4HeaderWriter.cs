using System.Buffers.Binary;
using System.Runtime.CompilerServices;

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
        Span<byte> header = destination[..Ipv4Header.MinLength];
        ushort versionAndTos = (ushort)(0x4500 | typeOfService);
        ushort flags = dontFragment ? (ushort)0x4000 : (ushort)0;
        ushort ttlAndProtocol = (ushort)((ttl << 8) | (byte)protocol);

        BinaryPrimitives.WriteUInt16BigEndian(header, versionAndTos);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], ttlAndProtocol);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], sourceHostOrder);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], destinationHostOrder);

        ulong sum = (ulong)versionAndTos + totalLength + identification + flags + ttlAndProtocol
            + (sourceHostOrder >> 16) + (sourceHostOrder & 0xFFFF)
            + (destinationHostOrder >> 16) + (destinationHostOrder & 0xFFFF);
        ushort checksum = (ushort)~InternetChecksum.Fold((uint)sum);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], checksum);
    }

    /// <summary>Recomputes the checksum of a header already in place (options included).</summary>
    public static void UpdateChecksum(Span<byte> header)
    {
        int headerLength = (header[0] & 0x0F) << 2;
        Span<byte> bytes = header[..headerLength];
        BinaryPrimitives.WriteUInt16BigEndian(bytes[10..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[10..], InternetChecksum.Compute(bytes));
    }
}
