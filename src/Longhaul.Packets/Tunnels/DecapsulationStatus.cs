namespace Longhaul.Packets;

/// <summary>The outcome of decapsulation on the real server; anything but <see cref="Ok"/> is counted and dropped.</summary>
public enum DecapsulationStatus : byte
{
    Ok = 0,

    /// <summary>Not IPIP, not UDP to the GUE port: somebody else's traffic.</summary>
    NotTunnel,

    Truncated,

    /// <summary>The outer IP or UDP header is malformed (version, header length, total length, UDP length).</summary>
    BadOuterHeader,

    /// <summary>Outer IPv4 header checksum or outer UDP checksum wrong, or a zero UDP checksum over IPv6.</summary>
    BadOuterChecksum,

    /// <summary>The outer packet is a fragment; the raw-socket path receives reassembled packets, so this is unexpected.</summary>
    Fragmented,

    /// <summary>GUE version 2/3, or a GUE control message (C bit).</summary>
    BadGueHeader,

    /// <summary>The inner packet is not the IPv4/IPv6 packet the outer header promised.</summary>
    UnsupportedInner,

    /// <summary>An outer IPv6 extension chain that the parser does not walk.</summary>
    UnsupportedExtension,
}
