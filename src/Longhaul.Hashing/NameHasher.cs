using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Longhaul.Hashing;

/// <summary>
/// Turns a UTF-8 name into the id a database would store: a 32-bit or 64-bit value, returned zero-extended
/// in a <see cref="ulong"/>. A value type with a switch rather than a delegate so hashing millions of names
/// costs no allocation and no indirect call the JIT cannot see through.
/// </summary>
public readonly struct NameHasher
{
    public NameHasher(NameHashAlgorithm algorithm)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown hash algorithm.");
        }

        Algorithm = algorithm;
    }

    public NameHashAlgorithm Algorithm { get; }

    /// <summary>Width of the ids in bits: 32 or 64.</summary>
    public int Bits => BitsOf(Algorithm);

    /// <summary>The short name used on the command line and in reports (crc32, xxh32, xxh64, xxh3).</summary>
    public string Name => NameOf(Algorithm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Hash(ReadOnlySpan<byte> utf8Name) => Algorithm switch
    {
        NameHashAlgorithm.Crc32 => Crc32.HashToUInt32(utf8Name),
        NameHashAlgorithm.XxHash32 => System.IO.Hashing.XxHash32.HashToUInt32(utf8Name),
        NameHashAlgorithm.XxHash64 => System.IO.Hashing.XxHash64.HashToUInt64(utf8Name),
        _ => System.IO.Hashing.XxHash3.HashToUInt64(utf8Name),
    };

    public static int BitsOf(NameHashAlgorithm algorithm) => algorithm switch
    {
        NameHashAlgorithm.Crc32 or NameHashAlgorithm.XxHash32 => 32,
        _ => 64,
    };

    public static string NameOf(NameHashAlgorithm algorithm) => algorithm switch
    {
        NameHashAlgorithm.Crc32 => "crc32",
        NameHashAlgorithm.XxHash32 => "xxh32",
        NameHashAlgorithm.XxHash64 => "xxh64",
        _ => "xxh3",
    };

    /// <summary>Parses the command-line names (case-insensitive); <c>xxh3-64</c> and <c>xxhash3</c> are accepted too.</summary>
    public static bool TryParse(string? text, out NameHashAlgorithm algorithm)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "CRC32":
                algorithm = NameHashAlgorithm.Crc32;
                return true;
            case "XXH32" or "XXHASH32":
                algorithm = NameHashAlgorithm.XxHash32;
                return true;
            case "XXH64" or "XXHASH64":
                algorithm = NameHashAlgorithm.XxHash64;
                return true;
            case "XXH3" or "XXH3-64" or "XXHASH3":
                algorithm = NameHashAlgorithm.XxHash3;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }
}
