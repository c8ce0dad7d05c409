using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Longhaul.Hashing;

/// <summary>
/// Seeded 64-bit hashes over byte spans, the one place the balancer and the tools get a hash from.
/// Every director with the same seed computes the same value (never <c>GetHashCode</c>, which differs
/// between processes). 64 bits because a hash that is used as a key must be wide enough for the
/// birthday bound (see <see cref="BirthdayBound"/>); a 32-bit hash is for spreading, never for identity.
/// Nothing here allocates.
/// </summary>
public static class SeededHash
{
    /// <summary>XXH3-64: the default; fastest on short keys such as a 5-tuple or a domain name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash64(ReadOnlySpan<byte> data, ulong seed) =>
        XxHash3.HashToUInt64(data, unchecked((long)seed));

    /// <summary>XXH64, for peers that already speak it (its values differ from XXH3's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong XxHash64(ReadOnlySpan<byte> data, ulong seed) =>
        System.IO.Hashing.XxHash64.HashToUInt64(data, unchecked((long)seed));

    /// <summary>XXH3-128, for fingerprints that must not collide even among billions of keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt128 Hash128(ReadOnlySpan<byte> data, ulong seed) =>
        XxHash128.HashToUInt128(data, unchecked((long)seed));

    /// <summary>
    /// Maps a 64-bit hash onto [0, range) without a division (Lemire's multiply-shift), so a table of any size
    /// gets an unbiased bucket from the hash's high bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Reduce(ulong hash, uint range) => (uint)(((UInt128)hash * range) >> 64);
}
