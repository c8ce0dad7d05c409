using System.Text.Json;

namespace Longhaul.Lab.Stats;

/// <summary>A real-server agent's stats file: tunnel packets received, decapsulated and dropped by reason.</summary>
public sealed record AgentStats(long Received, long Decapsulated, long Bytes, IReadOnlyDictionary<string, long> Drops)
{
    public const string NotAllowedSource = "not-allowed-source";

    public static AgentStats? TryRead(string path)
    {
        using JsonDocument? document = StatsJson.TryLoad(path);
        if (document is null)
        {
            return null;
        }

        JsonElement root = document.RootElement;
        return new AgentStats(
            StatsJson.Long(root, "received"),
            StatsJson.Long(root, "decapsulated"),
            StatsJson.Long(root, "bytes"),
            StatsJson.Counters(root, "drops"));
    }

    public long Dropped(string reason) => Drops.TryGetValue(reason, out long count) ? count : 0;
}
