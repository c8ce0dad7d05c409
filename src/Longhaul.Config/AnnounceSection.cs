using System.Globalization;
using Longhaul.Config.Yaml;

namespace Longhaul.Config;

/// <summary>The top-level <c>announce:</c> mapping: <c>table</c> (required), <c>interval</c> and <c>stall-after</c> in seconds.</summary>
internal static class AnnounceSection
{
    /// <summary>The kernel's reserved tables: default (253), main (254) and local (255) carry real forwarding.</summary>
    private static readonly int[] s_reservedTables = [253, 254, 255];

    private const double MaxSeconds = 60;

    public static AnnounceSettings? Read(MappingReader section)
    {
        int errorsBefore = section.Errors.Count;
        long? table = section.Integer("table", 1, int.MaxValue, required: true);
        double? interval = section.Number("interval", 0.01, MaxSeconds);
        double? stallAfter = section.Number("stall-after", 0.1, MaxSeconds);
        section.Finish();

        if (table is { } number && Array.IndexOf(s_reservedTables, (int)number) >= 0)
        {
            section.Error("table", string.Create(
                CultureInfo.InvariantCulture,
                $"{number} is one of the kernel's own tables (253 default, 254 main, 255 local); use a dedicated one such as 1000"));
        }

        TimeSpan intervalValue = interval is null ? AnnounceSettings.DefaultInterval : TimeSpan.FromSeconds(interval.Value);
        TimeSpan stallValue = stallAfter is null ? AnnounceSettings.DefaultStallAfter : TimeSpan.FromSeconds(stallAfter.Value);
        if (stallValue <= intervalValue)
        {
            // A worker is only looked at once per interval: a shorter stall limit would flap on every look.
            section.Error(stallAfter is not null ? "stall-after" : "interval", string.Create(
                CultureInfo.InvariantCulture,
                $"stall-after {stallValue.TotalSeconds} s must be longer than the interval {intervalValue.TotalSeconds} s"));
        }

        if (section.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new AnnounceSettings((int)table!.Value) { Interval = intervalValue, StallAfter = stallValue };
    }
}
