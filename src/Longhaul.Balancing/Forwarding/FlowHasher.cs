using System.Buffers.Binary;
using Longhaul.Hashing;
using System.Runtime.CompilerServices;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The seeded 64-bit flow hash every director computes identically: XXH3 over a canonical little-endian
/// encoding of the 5-tuple (not the struct's memory, so the value does not depend on layout or padding).
/// It keys the flow table, Maglev lookups and the GUE outer source port. Never <c>GetHashCode</c>, which
/// differs between processes.
/// </summary>
public static class FlowHasher
{
    private const int EncodedLength = 37;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SkipLocalsInit]
    public static ulong Hash(in FlowKey key, ulong seed)
    {
        Span<byte> bytes = stackalloc byte[EncodedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, key.Source.High);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], key.Source.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], key.Destination.High);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], key.Destination.Low);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[32..], key.SourcePort);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[34..], key.DestinationPort);
        bytes[36] = (byte)key.Protocol;
        return SeededHash.Hash64(bytes, seed);
    }
}
