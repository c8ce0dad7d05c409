namespace Longhaul.Config.Tests;

/// <summary>The optional top-level <c>announce:</c> section (issue 8): table, interval, stall-after.</summary>
public sealed class AnnounceSectionTests
{
    private const string Services = "services:\n  - protocol: tcp\n    vip: 203.0.113.10\n    port: 80\n    reals:\n      - address: 100.64.1.2\n";

    private static DirectorConfig Parse(string announce) =>
        DirectorConfig.Parse($"director:\n  tunnel-source: 192.0.2.2\n{announce}{Services}", "d.yaml");

    [Fact]
    public void Parse_NoAnnounceSection_AnnouncesNothing()
    {
        Assert.Null(Parse(string.Empty).Director.Announce);
    }

    [Fact]
    public void Parse_OnlyTable_UsesTheDefaultIntervalAndStallLimit()
    {
        AnnounceSettings? announce = Parse("announce: {table: 1000}\n").Director.Announce;

        Assert.NotNull(announce);
        Assert.Equal(1000, announce.Table);
        Assert.Equal(TimeSpan.FromMilliseconds(200), announce.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), announce.StallAfter);
    }

    [Fact]
    public void Parse_FullFile_ReadsEveryAnnounceKey()
    {
        DirectorConfig config = DirectorConfig.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Valid", "full.yaml")), "full.yaml");

        Assert.Equal(new AnnounceSettings(1000) { Interval = TimeSpan.FromSeconds(0.5), StallAfter = TimeSpan.FromSeconds(3) }, config.Director.Announce);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(252)]
    [InlineData(256)]
    [InlineData(int.MaxValue)]
    public void Parse_TableOutsideTheKernelsOwn_IsAccepted(int table)
    {
        Assert.Equal(table, Parse($"announce: {{table: {table}}}\n").Director.Announce!.Table);
    }

    [Theory]
    [InlineData(253)]
    [InlineData(254)]
    [InlineData(255)]
    public void Parse_KernelReservedTable_IsRefusedWithItsLine(int table)
    {
        var e = Assert.Throws<ConfigException>(() => Parse($"announce:\n  table: {table}\n"));

        Assert.StartsWith($"d.yaml:4: announce.table: {table} is one of the kernel's own tables", Assert.Single(e.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAnnounceKey_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("announce:\n  table: 1000\n  stall_after: 2\n"));

        Assert.Equal("d.yaml:5: announce.stall_after: unknown key (known here: interval, stall-after, table)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Write_AnnounceSection_ReadsBackEqual()
    {
        DirectorConfig original = Parse("announce:\n  table: 4242\n  interval: 0.25\n  stall-after: 1.5\n");

        DirectorConfig reread = DirectorConfig.Parse(ConfigYamlWriter.ToYaml(original), "d.yaml");

        Assert.Equal(original.Director.Announce, reread.Director.Announce);
        Assert.Equal(original.Director, reread.Director);
    }
}
