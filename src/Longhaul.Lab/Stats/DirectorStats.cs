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
}
