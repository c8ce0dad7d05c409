using System.Text.Json.Serialization;

namespace Longhaul.Director.Control.Protocol;

/// <summary>Source-generated JSON for the admin protocol: no reflection, the same shapes on both ends.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AdminRequest))]
[JsonSerializable(typeof(AdminResponse))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
