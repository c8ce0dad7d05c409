
namespace Longhaul.Hashing.Tests;

public sealed class BirthdayBoundTests
{
    [Fact]
    public void Estimate_SevenMillionAt32Bits_MatchesIssueFigures()
    {
        BirthdayEstimate e = BirthdayBound.Estimate(7_000_000, 32);

        Assert.Equal(5704.35, e.ExpectedCollidingPairs, 0.01);
        Assert.Equal(75.53, e.CollidingPairsStdDev, 0.01);
        // At this load nearly every colliding id holds exactly two names.
        Assert.InRange(e.ExpectedCollidingIds, 5690, e.ExpectedCollidingPairs);
        Assert.Equal(2 * e.ExpectedCollidingPairs, e.ExpectedNamesInCollisions, 2 * e.ExpectedCollidingPairs * 0.002);
    }

    [Fact]
    public void Estimate_SevenMillionAt64Bits_IsAboutOneInAMillion()
    {
        BirthdayEstimate e = BirthdayBound.Estimate(7_000_000, 64);

        Assert.Equal(1.328e-6, e.ExpectedCollidingPairs, 0.001e-6);
        Assert.Equal(e.ExpectedCollidingPairs, e.ExpectedCollidingIds, 1e-12);
        Assert.Equal(2 * e.ExpectedCollidingPairs, e.ExpectedNamesInCollisions, 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Estimate_FewerThanTwoNames_IsZero(long names)
    {
        BirthdayEstimate e = BirthdayBound.Estimate(names, 32);

        Assert.Equal(0, e.ExpectedCollidingPairs);
        Assert.Equal(0, e.ExpectedCollidingIds);
        Assert.Equal(0, e.ExpectedNamesInCollisions);
    }

    /// <summary>Enumerates every assignment of n names to 2^bits ids and averages the three counts exactly.</summary>
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 2)]
    [InlineData(4, 3)]
    public void Estimate_SmallCases_MatchesExhaustiveEnumeration(int names, int bits)
    {
        int m = 1 << bits;
        int total = (int)Math.Pow(m, names);
        double pairs = 0, ids = 0, involved = 0, pairsSquared = 0;
        var counts = new int[m];
        for (int assignment = 0; assignment < total; assignment++)
        {
            Array.Clear(counts);
            for (int i = 0, a = assignment; i < names; i++, a /= m)
            {
                counts[a % m]++;
            }

            double p = 0;
            foreach (int c in counts)
            {
                p += c * (c - 1) / 2.0;
                ids += c >= 2 ? 1 : 0;
                involved += c >= 2 ? c : 0;
            }

            pairs += p;
            pairsSquared += p * p;
        }

        BirthdayEstimate e = BirthdayBound.Estimate(names, bits);
        double meanPairs = pairs / total;
        Assert.Equal(meanPairs, e.ExpectedCollidingPairs, 1e-9);
        Assert.Equal(Math.Sqrt((pairsSquared / total) - (meanPairs * meanPairs)), e.CollidingPairsStdDev, 1e-9);
        Assert.Equal(ids / total, e.ExpectedCollidingIds, 1e-9);
        Assert.Equal(involved / total, e.ExpectedNamesInCollisions, 1e-9);
    }

    [Fact]
    public void Estimate_HeavyLoad_UsesClosedFormWithoutNaN()
    {
        BirthdayEstimate e = BirthdayBound.Estimate(100_000_000_000, 32);

        // Load 23 names per id: almost every id is shared and almost every name is in a collision.
        Assert.Equal(Math.Pow(2, 32), e.ExpectedCollidingIds, Math.Pow(2, 32) * 1e-6);
        Assert.Equal(1e11, e.ExpectedNamesInCollisions, 1e11 * 1e-6);
    }
}
