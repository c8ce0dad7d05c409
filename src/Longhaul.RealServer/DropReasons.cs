namespace Longhaul.RealServer;

/// <summary>Names and grouping of <see cref="DropReason"/> for the stats file.</summary>
public static class DropReasons
{
    /// <summary>Size of an array indexed by <see cref="DropReason"/>.</summary>
    public const int Count = (int)DropReason.TunWriteFailed + 1;

    /// <summary>The stats-file key: "not-allowed-source", "bad-outer-checksum", ...</summary>
    public static string Name(DropReason reason) => reason switch
    {
        DropReason.None => "none",
        DropReason.NotAllowedSource => "not-allowed-source",
        DropReason.NotAVip => "not-a-vip",
        DropReason.NotTunnel => "not-tunnel",
        DropReason.Truncated => "truncated",
        DropReason.BadOuterHeader => "bad-outer-header",
        DropReason.BadOuterChecksum => "bad-outer-checksum",
        DropReason.Fragmented => "fragmented",
        DropReason.BadGueHeader => "bad-gue-header",
        DropReason.UnsupportedInner => "unsupported-inner",
        DropReason.UnsupportedExtension => "unsupported-extension",
        DropReason.Oversize => "oversize",
        DropReason.TunWriteFailed => "tun-write-failed",
        _ => reason.ToString(),
    };

    /// <summary>True for the reasons that mean "the packet itself is broken" (summed as "malformed").</summary>
    public static bool IsMalformed(DropReason reason) => reason is >= DropReason.Truncated and <= DropReason.Oversize;
}
