namespace Longhaul.Director.Control.Protocol;

/// <summary>ctl list: one VIP's BGP announcement as the director's announcer last decided it.</summary>
public sealed record AnnounceEntry
{
    /// <summary>The host route, <c>203.0.113.10/32</c> or <c>2001:db8::10/128</c>.</summary>
    public required string Prefix { get; init; }

    public bool Announced { get; init; }

    /// <summary>Why: the data path's problem, or which services are at quorum.</summary>
    public required string Reason { get; init; }
}
