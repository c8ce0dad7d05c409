using CsCheck;
using System.Text;

namespace Longhaul.Hashing.Tests;

public sealed class NameHasherTests
{
    [Theory]
    [InlineData("fc0591", 1009521187u)]
    [InlineData("123rainerbommert", 1009521187u)]
    [InlineData("a1sellers", 3605292603u)]
    [InlineData("advertees", 3605292603u)]
    public void Hash_Crc32OfSeedNames_MatchesSeedValues(string name, uint expected)
    {
        var hasher = new NameHasher(NameHashAlgorithm.Crc32);

        Assert.Equal(expected, hasher.Hash(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void Hash_Xxh64OfSeedPairs_Differ()
    {
        var hasher = new NameHasher(NameHashAlgorithm.XxHash64);

        Assert.NotEqual(hasher.Hash("fc0591"u8), hasher.Hash("123rainerbommert"u8));
        Assert.NotEqual(hasher.Hash("a1sellers"u8), hasher.Hash("advertees"u8));
    }

    [Theory]
    [InlineData(NameHashAlgorithm.Crc32, 32)]
    [InlineData(NameHashAlgorithm.XxHash32, 32)]
    [InlineData(NameHashAlgorithm.XxHash64, 64)]
    [InlineData(NameHashAlgorithm.XxHash3, 64)]
    public void Bits_EachAlgorithm_IsItsWidth(NameHashAlgorithm algorithm, int bits)
    {
        Assert.Equal(bits, new NameHasher(algorithm).Bits);
    }

    [Fact]
    public void Hash_32BitAlgorithms_NeverSetHighBits()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            Assert.True(new NameHasher(NameHashAlgorithm.Crc32).Hash(bytes) <= uint.MaxValue);
            Assert.True(new NameHasher(NameHashAlgorithm.XxHash32).Hash(bytes) <= uint.MaxValue);
        }, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Hash_EachAlgorithm_MatchesSystemIoHashing()
    {
        byte[] name = "example.com"u8.ToArray();

        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(name), new NameHasher(NameHashAlgorithm.Crc32).Hash(name));
        Assert.Equal(System.IO.Hashing.XxHash32.HashToUInt32(name), new NameHasher(NameHashAlgorithm.XxHash32).Hash(name));
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64(name), new NameHasher(NameHashAlgorithm.XxHash64).Hash(name));
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64(name), new NameHasher(NameHashAlgorithm.XxHash3).Hash(name));
    }

    [Theory]
    [InlineData("crc32", NameHashAlgorithm.Crc32)]
    [InlineData("XXH32", NameHashAlgorithm.XxHash32)]
    [InlineData("xxh64", NameHashAlgorithm.XxHash64)]
    [InlineData(" xxh3 ", NameHashAlgorithm.XxHash3)]
    [InlineData("xxh3-64", NameHashAlgorithm.XxHash3)]
    public void TryParse_KnownName_ReturnsAlgorithm(string text, NameHashAlgorithm expected)
    {
        Assert.True(NameHasher.TryParse(text, out NameHashAlgorithm algorithm));
        Assert.Equal(expected, algorithm);
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_ReturnsFalse(string? text)
    {
        Assert.False(NameHasher.TryParse(text, out _));
    }

    [Fact]
    public void Constructor_UndefinedAlgorithm_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NameHasher((NameHashAlgorithm)99));
    }
}
