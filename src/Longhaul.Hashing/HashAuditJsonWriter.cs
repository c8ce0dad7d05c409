using System.Text.Json;

namespace Longhaul.Hashing;

/// <summary>
/// The <c>--json</c> report, written field by field with <see cref="Utf8JsonWriter"/> so the names are stable
/// and nothing depends on reflection. Ids are JSON numbers: exact in parsers that keep 64-bit integers; the
/// string form is given too for those that round to doubles.
/// </summary>
public static class HashAuditJsonWriter
{
    public static void Write(HashAuditReport report, Stream output, double? elapsedSeconds = null, long? peakMemoryBytes = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        BirthdayEstimate e = report.Expected;

        json.WriteStartObject();
        json.WriteString("hash", NameHasher.NameOf(report.Algorithm));
        json.WriteNumber("bits", report.Bits);
        json.WriteString("normalization", report.Normalization == NameNormalization.Domain ? "domain" : "none");
        json.WriteNumber("lines", report.Lines);
        json.WriteNumber("blankLines", report.BlankLines);
        json.WriteNumber("distinctNames", report.DistinctNames);
        json.WriteNumber("duplicateLines", report.DuplicateLines);
        json.WriteNumber("distinctIds", report.DistinctIds);
        json.WriteNumber("collidingPairs", report.CollidingPairs);
        json.WriteNumber("collidingIds", report.CollidingIds);
        json.WriteNumber("namesInCollisions", report.NamesInCollisions);
        json.WriteNumber("largestGroup", report.LargestGroup);
        json.WriteNumber("zScore", Math.Round(report.ZScore, 3));

        json.WriteStartObject("expected");
        json.WriteNumber("collidingPairs", e.ExpectedCollidingPairs);
        json.WriteNumber("collidingPairsStdDev", e.CollidingPairsStdDev);
        json.WriteNumber("collidingIds", e.ExpectedCollidingIds);
        json.WriteNumber("namesInCollisions", e.ExpectedNamesInCollisions);
        json.WriteEndObject();

        json.WriteBoolean("groupNamesAvailable", report.GroupNamesAvailable);
        json.WriteStartArray("groups");
        foreach (CollisionGroup group in report.Groups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", group.Id);
            json.WriteString("idText", group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("nameCount", group.NameCount);
            json.WriteStartArray("names");
            foreach (string name in group.Names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("recommendation");
        json.WriteString("scheme", SchemeName(report.Recommendation.Recommended));
        json.WriteStartArray("options");
        foreach (IdSchemeOption option in report.Recommendation.Options)
        {
            json.WriteStartObject();
            json.WriteString("scheme", SchemeName(option.Scheme));
            json.WriteString("summary", option.Summary);
            json.WriteNumber("bytesPerId", option.BytesPerId);
            json.WriteNumber("expectedCollisions", option.ExpectedCollisions);
            json.WriteNumber("expectedCollisionsAtTenfold", option.ExpectedCollisionsAtTenfold);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        if (elapsedSeconds is double seconds)
        {
            json.WriteNumber("elapsedSeconds", Math.Round(seconds, 3));
        }

        if (peakMemoryBytes is long peak)
        {
            json.WriteNumber("peakWorkingSetBytes", peak);
        }

        json.WriteEndObject();
    }

    private static string SchemeName(IdScheme scheme) => scheme switch
    {
        IdScheme.Hash32 => "hash32",
        IdScheme.Hash64WithUniqueCheck => "hash64-unique",
        _ => "dictionary-table",
    };
}
