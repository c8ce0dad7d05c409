using System.Text.Json.Serialization;

namespace Longhaul.Director.Stats;

/// <summary>Source-generated serialisation of the stats file: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(DirectorStats))]
internal sealed partial class DirectorJsonContext : JsonSerializerContext;
