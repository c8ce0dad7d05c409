using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>Writes the fixed IPv6 header.</summary>
public static class Ipv6HeaderWriter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(
        Span<byte> destination,
        byte trafficClass,
        uint flowLabel,
        ushort payloadLength,
        IpProtocol nextHeader,
        byte hopLimit,
        in NetAddress source,
        in NetAddress destinationAddress)
    {
        Span<byte> header = destination[..Ipv6Header.Length];
        uint first = (6u << 28) | ((uint)trafficClass << 20) | (flowLabel & 0x000F_FFFF);
        BinaryPrimitives.WriteUInt32BigEndian(header, first);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], payloadLength);
        header[6] = (byte)nextHeader;
        header[7] = hopLimit;
        source.WriteV6(header[8..]);
        destinationAddress.WriteV6(header[24..]);
    }
}
