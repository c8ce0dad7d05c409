using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>Writes UDP headers.</summary>
public static class UdpHeaderWriter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, ushort sourcePort, ushort destinationPort, ushort length, ushort checksum)
    {
        Span<byte> header = destination[..UdpHeader.Length];
        BinaryPrimitives.WriteUInt16BigEndian(header, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], length);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], checksum);
    }
}
