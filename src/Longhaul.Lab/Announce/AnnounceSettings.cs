namespace Longhaul.Lab.Announce;

/// <summary>
/// What <see cref="VipAnnouncer"/> announces and when the director counts as working.
/// </summary>
/// <param name="Vips">Host routes to announce: IPv4 as /32, IPv6 as /128.</param>
/// <param name="Table">The kernel routing table BIRD's kernel protocol imports (never consulted for forwarding).</param>
/// <param name="StatsFile">The director's stats file, rewritten every second while its workers run.</param>
/// <param name="MaxAge">The stats file older than this: the director is stuck or gone.</param>
/// <param name="TunDevice">The director's TUN device; it vanishes the moment the director's process ends.</param>
public sealed record AnnounceSettings(
    IReadOnlyList<string> Vips,
    int Table,
    string StatsFile,
    TimeSpan MaxAge,
    string TunDevice)
{
    /// <summary>How often the director's health is looked at.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(200);
}
