namespace Longhaul.Director.Control.Protocol;

/// <summary>The director's answer: <see cref="Ok"/> with the operation's result, or an <see cref="Error"/> to show as is.</summary>
public sealed record AdminResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    /// <summary>Human-readable outcome (edits, reload) or text output (save).</summary>
    public string? Message { get; init; }

    /// <summary>The snapshot version after the operation.</summary>
    public long ConfigVersion { get; init; }

    public ListResult? List { get; init; }

    public ExplainResult? Explain { get; init; }

    public FlowsResult? Flows { get; init; }

    public static AdminResponse Failure(string error) => new() { Ok = false, Error = error };
}
