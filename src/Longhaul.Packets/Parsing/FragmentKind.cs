namespace Longhaul.Packets;

/// <summary>Where a packet sits in a fragmented datagram.</summary>
public enum FragmentKind : byte
{
    /// <summary>Not a fragment (an IPv6 atomic fragment, offset 0 without M, also counts as none: RFC 6946).</summary>
    None = 0,

    /// <summary>Offset 0 with more fragments following: it still carries the transport header.</summary>
    First,

    /// <summary>Offset above 0: no transport header, so no ports.</summary>
    Later,
}
