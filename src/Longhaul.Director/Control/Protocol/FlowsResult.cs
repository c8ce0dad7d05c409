namespace Longhaul.Director.Control.Protocol;

/// <summary>ctl flows: live flow-table entries (a bounded sample, filtered).</summary>
public sealed record FlowsResult
{
    /// <summary>Entries matching the filter that were looked at (at most the limit is listed).</summary>
    public long Matched { get; init; }

    public bool Truncated { get; init; }

    public required IReadOnlyList<FlowEntryView> Flows { get; init; }
}
