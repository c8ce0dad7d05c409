using System.Text.Json.Serialization;

namespace Longhaul.Director.Stats;

/// <summary>One real server of one service.</summary>
public sealed record RealStats
{
    public required string Address { get; init; }

    [JsonPropertyName("dc")]
    public required string DataCenter { get; init; }

    /// <summary>The service the real belongs to (one address may serve several).</summary>
    public required string Service { get; init; }

    public int Weight { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    /// <summary>New flows sent to it since start.</summary>
    public long Connections { get; init; }

    public long Active { get; init; }

    public long Inactive { get; init; }
}
