using System.Text;

namespace Longhaul.Hashing;

/// <summary>
/// Reproducible, distinct, domain-like names ("bakilo123-tevu.net") for tests and for measuring the audit
/// on millions of names without shipping a data set. Name i is a mixed-radix decoding of
/// x = (a·i + c) mod M, where a and c come from the seed and a is coprime to M: an affine bijection, so the
/// first M names are all distinct by construction, and names from different seeds are different samples.
/// The decoding is injective because every part is self-delimiting: word1 is the leading letters, the number
/// runs to the '-', word2 runs to the '.', the TLD is the rest.
/// </summary>
public sealed class SyntheticNames
{
    /// <summary>Longest name this generator writes, in bytes.</summary>
    public const int MaxLength = 32;

    // 16 consonants x 4 vowels = 64 two-letter syllables. A word is 2 or 3 syllables (4 or 6 letters), so
    // words of one length never equal words of the other and each word has one spelling.
    private const string Consonants = "bcdfghjklmnprstv";
    private const string Vowels = "aeio";
    private const ulong TwoSyllableWords = 64 * 64;
    private const ulong Words = TwoSyllableWords + (64 * 64 * 64);
    private const ulong Numbers = 1000;

    private static readonly byte[][] s_tlds =
        ["com"u8.ToArray(), "net"u8.ToArray(), "org"u8.ToArray(), "de"u8.ToArray(),
         "io"u8.ToArray(), "info"u8.ToArray(), "biz"u8.ToArray(), "us"u8.ToArray()];

    private readonly ulong _multiplier;
    private readonly ulong _offset;

    public SyntheticNames(ulong seed)
    {
        Seed = seed;
        ulong state = seed;
        _offset = SplitMix64(ref state) % Capacity;
        ulong multiplier = (SplitMix64(ref state) % Capacity) | 1;
        while (Gcd(multiplier, Capacity) != 1)
        {
            multiplier += 2;
        }

        _multiplier = multiplier;
    }

    /// <summary>How many distinct names the generator can produce (about 5.7e14).</summary>
    public static ulong Capacity => Words * Numbers * Words * (ulong)s_tlds.Length;

    public ulong Seed { get; }

    /// <summary>Writes name <paramref name="index"/> and returns its length; the destination needs <see cref="MaxLength"/> bytes.</summary>
    public int Write(long index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ulong x = (ulong)((((UInt128)_multiplier * (ulong)index) + _offset) % Capacity);

        ulong tld = x % (ulong)s_tlds.Length;
        x /= (ulong)s_tlds.Length;
        ulong word2 = x % Words;
        x /= Words;
        ulong number = x % Numbers;
        ulong word1 = x / Numbers;

        int length = WriteWord(word1, destination);
        number.TryFormat(destination[length..], out int digits);
        length += digits;
        destination[length++] = (byte)'-';
        length += WriteWord(word2, destination[length..]);
        destination[length++] = (byte)'.';
        s_tlds[tld].CopyTo(destination[length..]);
        return length + s_tlds[tld].Length;
    }

    public string Get(long index)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Write(index, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    private static int WriteWord(ulong word, Span<byte> destination)
    {
        int syllables = 2;
        if (word >= TwoSyllableWords)
        {
            word -= TwoSyllableWords;
            syllables = 3;
        }

        for (int i = 0; i < syllables; i++)
        {
            int syllable = (int)(word % 64);
            word /= 64;
            destination[2 * i] = (byte)Consonants[syllable / 4];
            destination[(2 * i) + 1] = (byte)Vowels[syllable % 4];
        }

        return 2 * syllables;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
