using CsCheck;
using System.IO.Hashing;

namespace Longhaul.Hashing.Tests;

public sealed class SeededHashTests
{
    [Fact]
    public void Hash64_SameSeed_EqualsXxHash3WithThatSeed()
    {
        byte[] data = "10.0.0.1:443"u8.ToArray();

        Assert.Equal(XxHash3.HashToUInt64(data, unchecked((long)0xDEADBEEFCAFEF00D)), SeededHash.Hash64(data, 0xDEADBEEFCAFEF00D));
    }

    [Fact]
    public void Hash64_DifferentSeeds_Differ()
    {
        Assert.NotEqual(SeededHash.Hash64("flow"u8, 1), SeededHash.Hash64("flow"u8, 2));
        Assert.NotEqual(SeededHash.XxHash64("flow"u8, 1), SeededHash.XxHash64("flow"u8, 2));
        Assert.NotEqual(SeededHash.Hash128("flow"u8, 1), SeededHash.Hash128("flow"u8, 2));
    }

    [Fact]
    public void XxHash64_Seeded_EqualsSystemIoHashing()
    {
        Assert.Equal(XxHash64.HashToUInt64("flow"u8, 7), SeededHash.XxHash64("flow"u8, 7));
    }

    [Fact]
    public void Reduce_AnyHash_StaysBelowRange()
    {
        Gen.Select(Gen.ULong, Gen.UInt[1, uint.MaxValue]).Sample((hash, range) =>
        {
            Assert.True(SeededHash.Reduce(hash, range) < range);
        }, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Reduce_ExtremeHashes_MapToEnds()
    {
        Assert.Equal(0u, SeededHash.Reduce(0, 1000));
        Assert.Equal(999u, SeededHash.Reduce(ulong.MaxValue, 1000));
    }
}
