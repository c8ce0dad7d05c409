namespace Longhaul.Director.Control.Protocol;

/// <summary>ctl explain: where a flow goes and why, found without changing any state.</summary>
public sealed record ExplainResult
{
    /// <summary>The flow as asked: "TCP 198.51.100.7:40000 -> 203.0.113.10:80".</summary>
    public required string Flow { get; init; }

    /// <summary>The service matched, or null when the destination is not a VIP.</summary>
    public string? Service { get; init; }

    /// <summary>The real the next packet would go to, or null when it would be dropped (or cannot be known, see <see cref="Steps"/>).</summary>
    public string? Real { get; init; }

    public string? DataCenter { get; init; }

    /// <summary>flow-table, persistence, scheduler, stateless, drop or unpredictable.</summary>
    public required string Decision { get; init; }

    /// <summary>Each step of the pipeline in order, as a sentence.</summary>
    public required IReadOnlyList<string> Steps { get; init; }
}
