
namespace Longhaul.Hashing.Tests;

/// <summary>The acceptance check on 7,000,000 distinct synthetic names, generated in memory (no file).</summary>
public sealed class HashAuditorScaleTests
{
    private const long Names = 7_000_000;
    private const ulong Seed = 1;

    [Fact]
    public void Run_SevenMillionNamesCrc32_CollisionsWithinFourSigmaOfBirthdayBound()
    {
        var options = new HashAuditOptions(NameHashAlgorithm.Crc32, GroupLimit: 3);

        HashAuditReport report = new HashAuditor(options).Run(new SyntheticNameSource(Names, Seed));

        Assert.Equal(Names, report.DistinctNames);
        Assert.Equal(0, report.DuplicateLines);
        Assert.Equal(5704.35, report.Expected.ExpectedCollidingPairs, 0.01);
        double sigma = report.Expected.CollidingPairsStdDev;
        Assert.InRange(report.CollidingPairs, report.Expected.ExpectedCollidingPairs - (4 * sigma), report.Expected.ExpectedCollidingPairs + (4 * sigma));
        Assert.Equal(3, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Equal(g.NameCount, g.Names.Count));
    }

    [Fact]
    public void Run_SevenMillionNamesXxh64_FindsNoCollision()
    {
        HashAuditReport report = new HashAuditor(new HashAuditOptions(NameHashAlgorithm.XxHash64)).Run(new SyntheticNameSource(Names, Seed));

        Assert.Equal(Names, report.DistinctNames);
        Assert.Equal(Names, report.DistinctIds);
        Assert.Equal(0, report.CollidingPairs);
        Assert.Equal(IdScheme.Hash64WithUniqueCheck, report.Recommendation.Recommended);
    }
}
