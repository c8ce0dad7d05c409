namespace Longhaul.Config;

/// <summary>
/// The optional <c>announce:</c> section: the director puts a host route for each VIP it should attract into
/// kernel routing table <see cref="Table"/> (through its own TUN device), and a routing daemon on the host
/// (BIRD's kernel protocol with <c>learn</c>) announces what is there over BGP. Absent: the director announces
/// nothing (one director behind a static route). Like the rest of the director settings it takes effect at start.
/// </summary>
/// <param name="Table">Kernel routing table 1..2^31-1, not 253, 254 or 255 (default, main, local).</param>
public sealed record AnnounceSettings(int Table)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan DefaultStallAfter = TimeSpan.FromSeconds(2);

    /// <summary>How often the announcer looks at the data path and the services' quorum.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>A worker whose loop has not turned for this long means the data path is broken.</summary>
    public TimeSpan StallAfter { get; init; } = DefaultStallAfter;
}
