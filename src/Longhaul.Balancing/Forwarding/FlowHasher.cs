using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Longhaul.Hashing;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The seeded 64-bit flow hash every director computes identically: XXH3 over the 37-byte canonical encoding
/// of the 5-tuple (source, destination as 16-byte values, ports, protocol; multi-byte fields little-endian).
/// It keys the flow table, Maglev lookups and the GUE outer source port. Never <c>GetHashCode</c>, which differs
/// between processes.
/// </summary>
public static class FlowHasher
{
    private const int EncodedLength = 37;

    /// <summary>
    /// On little-endian machines <see cref="FlowKey"/>'s memory (sequential, packed) already is the canonical
    /// encoding, so it is hashed in place with no copy; elsewhere the encoding is written out first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(in FlowKey key, ulong seed)
    {
        if (BitConverter.IsLittleEndian && Unsafe.SizeOf<FlowKey>() == EncodedLength)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<FlowKey>(in key));
            return SeededHash.Hash64(bytes, seed);
        }

        return HashPortable(key, seed);
    }

    /// <summary>The reference encoding, written explicitly (tests compare it with <see cref="Hash"/>).</summary>
    [SkipLocalsInit]
    internal static ulong HashPortable(in FlowKey key, ulong seed)
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
