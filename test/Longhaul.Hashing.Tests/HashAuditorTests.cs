using System.Text;

namespace Longhaul.Hashing.Tests;

public sealed class HashAuditorTests
{
    private static readonly string[] s_seedNames = ["fc0591", "123rainerbommert", "a1sellers", "advertees", "example.com"];

    [Fact]
    public void Run_SeedNamesWithCrc32_ReportsBothSeedCollisionsWithNames()
    {
        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(new StringNameSource(s_seedNames));

        Assert.Equal(5, report.DistinctNames);
        Assert.Equal(3, report.DistinctIds);
        Assert.Equal(2, report.CollidingPairs);
        Assert.Equal(2, report.CollidingIds);
        Assert.Equal(4, report.NamesInCollisions);
        Assert.Equal(2, report.LargestGroup);
        Assert.True(report.HasCollisions);
        Assert.Collection(
            report.Groups,
            g =>
            {
                Assert.Equal(1009521187ul, g.Id);
                Assert.Equal(["123rainerbommert", "fc0591"], g.Names);
            },
            g =>
            {
                Assert.Equal(3605292603ul, g.Id);
                Assert.Equal(["a1sellers", "advertees"], g.Names);
            });
    }

    [Theory]
    [InlineData(NameHashAlgorithm.XxHash32)]
    [InlineData(NameHashAlgorithm.XxHash64)]
    [InlineData(NameHashAlgorithm.XxHash3)]
    public void Run_SeedNamesWithOtherHashes_FindsNoCollision(NameHashAlgorithm algorithm)
    {
        var source = new StringNameSource(s_seedNames);

        HashAuditReport report = new HashAuditor(new HashAuditOptions(algorithm)).Run(source);

        Assert.False(report.HasCollisions);
        Assert.Equal(5, report.DistinctIds);
        Assert.Empty(report.Groups);
        Assert.Equal(1, source.Passes);
    }

    [Fact]
    public void Run_RepeatedLines_CountAsDuplicatesNotCollisions()
    {
        var source = new StringNameSource("a.com", "b.com", "a.com", "", "a.com");

        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(source);

        Assert.Equal(5, report.Lines);
        Assert.Equal(1, report.BlankLines);
        Assert.Equal(2, report.DistinctNames);
        Assert.Equal(2, report.DuplicateLines);
        Assert.Equal(0, report.CollidingPairs);
        Assert.Equal(1, report.LargestGroup);
    }

    [Fact]
    public void Run_DomainNormalization_MergesCaseAndTrailingDot()
    {
        var source = new StringNameSource("Example.COM.", " example.com", "FC0591", "123RainerBommert.");
        var options = new HashAuditOptions(Normalization: NameNormalization.Domain);

        HashAuditReport report = new HashAuditor(options).Run(source);

        Assert.Equal(3, report.DistinctNames);
        Assert.Equal(1, report.DuplicateLines);
        Assert.Equal(1, report.CollidingPairs);
        Assert.Equal(["123rainerbommert", "fc0591"], Assert.Single(report.Groups).Names);
    }

    [Fact]
    public void Run_WithoutNormalization_KeepsCaseVariantsApart()
    {
        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(new StringNameSource("Example.com", "example.com"));

        Assert.Equal(2, report.DistinctNames);
    }

    [Fact]
    public void Run_GroupLimitOne_KeepsLowestIdAmongEqualGroups()
    {
        var source = new StringNameSource(s_seedNames);

        HashAuditReport report = new HashAuditor(new HashAuditOptions(GroupLimit: 1)).Run(source);

        Assert.Equal(1009521187ul, Assert.Single(report.Groups).Id);
        Assert.Equal(2, report.CollidingIds);
    }

    [Fact]
    public void Run_GroupLimitZero_ReadsOnceAndListsNoGroup()
    {
        var source = new StringNameSource(s_seedNames);

        HashAuditReport report = new HashAuditor(new HashAuditOptions(GroupLimit: 0)).Run(source);

        Assert.Equal(1, source.Passes);
        Assert.Empty(report.Groups);
        Assert.Equal(2, report.CollidingPairs);
    }

    [Fact]
    public void Run_NamesPerGroupOne_KeepsOneNameButFullCount()
    {
        HashAuditReport report = new HashAuditor(new HashAuditOptions(NamesPerGroup: 1)).Run(new StringNameSource(s_seedNames));

        Assert.All(report.Groups, g =>
        {
            Assert.Single(g.Names);
            Assert.Equal(2, g.NameCount);
        });
    }

    [Fact]
    public void Run_SpooledStdin_ReadsTwiceFromSpool()
    {
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\r\n", s_seedNames));
        using var source = new SpooledStreamNameSource(new TrickleStream(input), spool: true);

        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(source);

        Assert.True(report.GroupNamesAvailable);
        Assert.Equal(["123rainerbommert", "fc0591"], report.Groups[0].Names);
    }

    [Fact]
    public void Run_UnspooledStdin_ReportsGroupsWithoutNames()
    {
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", s_seedNames));
        using var source = new SpooledStreamNameSource(new MemoryStream(input), spool: false);

        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(source);

        Assert.False(report.GroupNamesAvailable);
        Assert.Equal(2, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Empty(g.Names));
    }

    [Fact]
    public void Run_EmptyInput_ReportsNothing()
    {
        HashAuditReport report = new HashAuditor(new HashAuditOptions()).Run(new StringNameSource());

        Assert.Equal(0, report.DistinctNames);
        Assert.Equal(0, report.LargestGroup);
        Assert.False(report.HasCollisions);
    }

    [Fact]
    public void Run_WithObserver_SeesEveryNormalizedNameAndId()
    {
        var observer = new RecordingObserver();
        var options = new HashAuditOptions(Normalization: NameNormalization.Domain);

        new HashAuditor(options).Run(new StringNameSource("FC0591.", "", "advertees"), observer);

        Assert.Equal([("fc0591", 1009521187ul), ("advertees", 3605292603ul)], observer.Seen);
    }

    [Fact]
    public void Run_SyntheticAgainstHashSetReference_CountsAgree()
    {
        // 200k names at 24 bits of a 32-bit hash would be too few collisions to compare, so compare the
        // exact counts on xxh32 against a reference built from strings, with repeats mixed in.
        var names = new SyntheticNames(11);
        var lines = new List<string>();
        for (long i = 0; i < 150_000; i++)
        {
            lines.Add(names.Get(i));
            if (i % 7 == 0)
            {
                lines.Add(names.Get(i / 2));
            }
        }

        HashAuditReport report = new HashAuditor(new HashAuditOptions(NameHashAlgorithm.XxHash32)).Run(new StringNameSource([.. lines]));

        var byId = new Dictionary<uint, HashSet<string>>();
        foreach (string line in lines)
        {
            uint id = System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(line));
            if (!byId.TryGetValue(id, out HashSet<string>? set))
            {
                byId[id] = set = [];
            }

            set.Add(line);
        }

        Assert.Equal(byId.Values.Sum(s => (long)s.Count), report.DistinctNames);
        Assert.Equal(lines.Count - report.DistinctNames, report.DuplicateLines);
        Assert.Equal(byId.Count, report.DistinctIds);
        Assert.Equal(byId.Values.Sum(s => (long)s.Count * (s.Count - 1) / 2), report.CollidingPairs);
        Assert.Equal(byId.Values.Count(s => s.Count > 1), report.CollidingIds);
        Assert.True(report.CollidingPairs > 0, "the reference set should have some 32-bit collisions");
    }

    private sealed class RecordingObserver : INameObserver
    {
        public List<(string, ulong)> Seen { get; } = [];

        public void OnName(ReadOnlySpan<byte> name, ulong id) => Seen.Add((Encoding.UTF8.GetString(name), id));
    }
}
