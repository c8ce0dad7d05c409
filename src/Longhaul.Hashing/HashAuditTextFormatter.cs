using System.Globalization;

namespace Longhaul.Hashing;

/// <summary>The human-readable report of <c>longhaul hash-audit</c>. Numbers use the invariant culture (the build sets InvariantGlobalization).</summary>
public static class HashAuditTextFormatter
{
    public static void Write(HashAuditReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        BirthdayEstimate e = report.Expected;

        writer.WriteLine($"hash-audit: {NameHasher.NameOf(report.Algorithm)} ({report.Bits}-bit ids), normalization {Normalization(report.Normalization)}");
        writer.WriteLine($"  lines read               {report.Lines,14:N0}   ({report.BlankLines:N0} blank)");
        writer.WriteLine($"  distinct names           {report.DistinctNames,14:N0}   ({report.DuplicateLines:N0} duplicate lines, not collisions)");
        writer.WriteLine($"  distinct ids             {report.DistinctIds,14:N0}");
        writer.WriteLine();
        writer.WriteLine($"collisions (pairs of distinct names sharing an id; birthday bound n(n-1)/2^{report.Bits + 1}):");
        writer.WriteLine($"  observed                 {report.CollidingPairs,14:N0}");
        // A z-score means something only when collisions are expected at all; against 1e-9 any hit is "z = 30000".
        string z = e.ExpectedCollidingPairs >= 1 ? string.Create(CultureInfo.InvariantCulture, $"   (z = {report.ZScore:+0.0;-0.0;0.0})") : string.Empty;
        writer.WriteLine($"  expected                 {Amount(e.ExpectedCollidingPairs),14} ± {Amount(e.CollidingPairsStdDev)}{z}");
        writer.WriteLine($"  ids with >1 name         {report.CollidingIds,14:N0}   expected {Amount(e.ExpectedCollidingIds)}");
        writer.WriteLine($"  names sharing an id      {report.NamesInCollisions,14:N0}   expected {Amount(e.ExpectedNamesInCollisions)}");
        writer.WriteLine($"  largest group            {report.LargestGroup,14:N0}   names on one id");

        if (report.Groups.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"colliding ids ({report.Groups.Count:N0} of {report.CollidingIds:N0}, largest first):");
            foreach (CollisionGroup group in report.Groups)
            {
                string names = report.GroupNamesAvailable
                    ? string.Join(", ", group.Names)
                    : "(names not kept: input could be read only once)";
                string more = group.Names.Count < group.NameCount && report.GroupNamesAvailable
                    ? string.Create(CultureInfo.InvariantCulture, $", ... {group.NameCount - group.Names.Count:N0} more")
                    : string.Empty;
                writer.WriteLine($"  {group.Id,20}  {names}{more}");
            }
        }

        writer.WriteLine();
        IdRecommendation r = report.Recommendation;
        writer.WriteLine($"id schemes for {r.Names:N0} names (expected collisions now / at {Amount(r.Names * 10.0)} names):");
        foreach (IdSchemeOption option in r.Options)
        {
            string mark = option.Scheme == r.Recommended ? "* recommended" : " ";
            writer.WriteLine($"  {mark,-13} {option.Summary}");
            writer.WriteLine($"                {option.BytesPerId} bytes per id, {Amount(option.ExpectedCollisions)} / {Amount(option.ExpectedCollisionsAtTenfold)}");
        }
    }

    /// <summary>Whole numbers with separators when large; small expectations (1.3e-06) in scientific form so they do not read as 0.</summary>
    public static string Amount(double value) => value switch
    {
        0 => "0",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 0.01 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0e+00", CultureInfo.InvariantCulture),
    };

    private static string Normalization(NameNormalization normalization) =>
        normalization == NameNormalization.Domain ? "domain" : "none";
}
