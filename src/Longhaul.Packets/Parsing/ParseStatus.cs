namespace Longhaul.Packets;

/// <summary>The outcome of <see cref="PacketParser.Parse"/>; anything but <see cref="Ok"/> is a drop reason to count.</summary>
public enum ParseStatus : byte
{
    Ok = 0,

    /// <summary>The buffer ends before a header or before the length the IP header declares.</summary>
    Truncated,

    /// <summary>The first nibble is neither 4 nor 6.</summary>
    BadVersion,

    /// <summary>IPv4 IHL below 5 words.</summary>
    BadHeaderLength,

    /// <summary>IPv4 total length smaller than the header.</summary>
    BadTotalLength,

    /// <summary>IPv4 header checksum does not verify.</summary>
    BadChecksum,

    /// <summary>
    /// An IPv6 extension header this parser will not walk: hop-by-hop not first, a second fragment header,
    /// Mobility/HIP/Shim6/experimental headers, or a chain longer than the walk limit.
    /// </summary>
    UnsupportedExtension,

    /// <summary>TCP data offset below 5 words.</summary>
    BadTransportHeader,

    /// <summary>An ICMP error whose quoted packet is too short or malformed to yield a flow.</summary>
    BadEmbeddedPacket,
}
