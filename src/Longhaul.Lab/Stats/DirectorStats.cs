using System.Text.Json;

namespace Longhaul.Lab.Stats;

/// <summary>The director's stats file (issue-3 contract): what it received and what it forwarded, per real.</summary>
public sealed record DirectorStats(
    long Packets,
    long Bytes,
    long Forwarded,
    long ForwardedBytes,
    long Replies,
    IReadOnlyDictionary<string, long> Drops,
    IReadOnlyList<DirectorRealStats> Reals)
{
    public static DirectorStats? TryRead(string path)
    {
        using JsonDocument? document = StatsJson.TryLoad(path);
        if (document is null)
        {
            return null;
        }

        JsonElement root = document.RootElement;
        var reals = new List<DirectorRealStats>();
        if (root.TryGetProperty("reals", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement real in list.EnumerateArray())
            {
                reals.Add(new DirectorRealStats(
                    StatsJson.String(real, "address") ?? "?",
                    StatsJson.String(real, "dc") ?? "",
                    StatsJson.Long(real, "packets"),
                    StatsJson.Long(real, "bytes"),
                    StatsJson.Long(real, "connections")));
            }
        }

        return new DirectorStats(
            StatsJson.Long(root, "packets"),
            StatsJson.Long(root, "bytes"),
            StatsJson.Long(root, "forwarded"),
            StatsJson.Long(root, "forwardedBytes"),
            StatsJson.Long(root, "replies"),
            StatsJson.Counters(root, "drops"),
            reals);
    }

    public long TotalDrops => Drops.Values.Sum();

    /// <summary>The counters of several directors added up (reals by address), or null when none has stats.</summary>
    public static DirectorStats? Sum(IEnumerable<DirectorStats?> directors)
    {
        ArgumentNullException.ThrowIfNull(directors);
        var present = directors.OfType<DirectorStats>().ToList();
        if (present.Count <= 1)
        {
            return present.FirstOrDefault();
        }

        var drops = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((string reason, long count) in present.SelectMany(d => d.Drops))
        {
            drops[reason] = drops.GetValueOrDefault(reason) + count;
        }

        var reals = present.SelectMany(d => d.Reals)
            .GroupBy(r => (r.Address, r.DataCenter))
            .Select(g => new DirectorRealStats(g.Key.Address, g.Key.DataCenter, g.Sum(r => r.Packets), g.Sum(r => r.Bytes), g.Sum(r => r.Connections)))
            .ToList();
        return new DirectorStats(
            present.Sum(d => d.Packets), present.Sum(d => d.Bytes), present.Sum(d => d.Forwarded),
            present.Sum(d => d.ForwardedBytes), present.Sum(d => d.Replies), drops, reals);
    }
}
