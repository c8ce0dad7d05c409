using System.Text.Json.Serialization;

namespace Longhaul.RealServer;

/// <summary>Source-generated (reflection-free, trim-safe) JSON for the stats file; dictionary keys stay as written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentStats))]
internal sealed partial class AgentStatsJsonContext : JsonSerializerContext;
