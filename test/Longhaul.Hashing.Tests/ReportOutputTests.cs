using System.Text;
using System.Text.Json;

namespace Longhaul.Hashing.Tests;

public sealed class ReportOutputTests
{
    private static HashAuditReport SeedReport() =>
        new HashAuditor(new HashAuditOptions()).Run(new StringNameSource("fc0591", "123rainerbommert", "a1sellers", "advertees"));

    [Fact]
    public void TextFormatter_SeedReport_ShowsCountsGroupsAndRecommendation()
    {
        var writer = new StringWriter();

        HashAuditTextFormatter.Write(SeedReport(), writer);

        string text = writer.ToString();
        Assert.Contains("crc32 (32-bit ids)", text);
        Assert.Contains("1009521187  123rainerbommert, fc0591", text);
        Assert.Contains("3605292603  a1sellers, advertees", text);
        Assert.Contains("* recommended 64-bit hash (xxh3)", text);
        Assert.Contains("n(n-1)/2^33", text);
    }

    [Fact]
    public void JsonWriter_SeedReport_IsValidJsonWithCounts()
    {
        using var stream = new MemoryStream();

        HashAuditJsonWriter.Write(SeedReport(), stream, elapsedSeconds: 1.5, peakMemoryBytes: 1000);

        using JsonDocument doc = JsonDocument.Parse(stream.ToArray());
        JsonElement root = doc.RootElement;
        Assert.Equal("crc32", root.GetProperty("hash").GetString());
        Assert.Equal(4, root.GetProperty("distinctNames").GetInt64());
        Assert.Equal(2, root.GetProperty("collidingPairs").GetInt64());
        Assert.Equal(1009521187ul, root.GetProperty("groups")[0].GetProperty("id").GetUInt64());
        Assert.Equal("fc0591", root.GetProperty("groups")[0].GetProperty("names")[1].GetString());
        Assert.Equal("hash64-unique", root.GetProperty("recommendation").GetProperty("scheme").GetString());
        Assert.Equal(1000, root.GetProperty("peakWorkingSetBytes").GetInt64());
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(5704.35, "5,704")]
    [InlineData(1.5, "1.5")]
    [InlineData(1.328e-6, "1.3e-06")]
    public void Amount_Values_ReadableForm(double value, string expected)
    {
        Assert.Equal(expected, HashAuditTextFormatter.Amount(value));
    }

    [Fact]
    public void CsvIdWriter_PlainAndSpecialNames_WritesRfc4180Rows()
    {
        using var stream = new MemoryStream();
        using (var csv = new CsvIdWriter(stream))
        {
            csv.OnName("fc0591"u8, 1009521187);
            csv.OnName("a,\"b\""u8, ulong.MaxValue);
            csv.Flush();
            Assert.Equal("name,id\nfc0591,1009521187\n\"a,\"\"b\"\"\",18446744073709551615\n", Encoding.UTF8.GetString(stream.ToArray()));
        }
    }

    [Theory]
    [InlineData(7_000_000, IdScheme.Hash64WithUniqueCheck)]
    [InlineData(1_000_000_000, IdScheme.DictionaryTable)]
    public void Recommendation_BySize_PicksScheme(long names, IdScheme expected)
    {
        IdRecommendation r = IdRecommendation.For(names);

        Assert.Equal(expected, r.Recommended);
        Assert.Equal(expected, r.Options[0].Scheme);
        Assert.Equal(3, r.Options.Count);
    }
}
