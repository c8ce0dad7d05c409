using System.Text.Json;

namespace Longhaul.Lab.Stats;

/// <summary>Tolerant reading of the daemons' stats files: a missing field reads as 0, a half-written file as absent.</summary>
internal static class StatsJson
{
    public static JsonDocument? TryLoad(string path)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // The writers rename a complete file into place, so this is rare; read again.
                Thread.Sleep(20);
            }
        }

        return null;
    }

    public static long Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long number)
            ? number
            : 0;

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An object of counters ("drops") as a dictionary; names as the writer spelled them.</summary>
    public static Dictionary<string, long> Counters(JsonElement element, string name)
    {
        var counters = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement obj) && obj.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                if (property.Value.TryGetInt64(out long value))
                {
                    counters[property.Name] = value;
                }
            }
        }

        return counters;
    }
}
