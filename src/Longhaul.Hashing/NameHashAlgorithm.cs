namespace Longhaul.Hashing;

/// <summary>The hashes <c>hash-audit</c> can key names by. Two are 32 bits wide, two are 64.</summary>
public enum NameHashAlgorithm
{
    /// <summary>CRC-32 (IEEE 802.3), the same value as MySQL's and PHP's <c>CRC32()</c>. 32 bits.</summary>
    Crc32,

    /// <summary>XXH32 with seed 0. 32 bits.</summary>
    XxHash32,

    /// <summary>XXH64 with seed 0. 64 bits.</summary>
    XxHash64,

    /// <summary>XXH3-64 with seed 0. 64 bits.</summary>
    XxHash3,
}
