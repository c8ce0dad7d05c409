namespace Longhaul.Packets;

/// <summary>
/// What <see cref="PacketParser.Parse"/> learned about one packet. A plain mutable struct so the parser fills it
/// in place in the caller's frame; fields are meaningful only when the parse returned <see cref="ParseStatus.Ok"/>.
/// </summary>
public struct ParsedPacket
{
    public bool IsIPv6;

    /// <summary>IPv4: IHL × 4. IPv6: 40 plus every extension header walked.</summary>
    public int NetworkHeaderLength;

    /// <summary>The transport protocol: for IPv6 the header after the extension chain.</summary>
    public IpProtocol Protocol;

    /// <summary>Offset of the transport header from the packet start (equals <see cref="NetworkHeaderLength"/>).</summary>
    public int TransportOffset;

    /// <summary>Length the IP header declares; bytes after it in the buffer (link padding) are not part of the packet.</summary>
    public int TotalLength;

    /// <summary>
    /// The client-side 5-tuple. Ports are 0 for protocols other than TCP and UDP, and for non-first fragments.
    /// </summary>
    /// <remarks>
    /// Non-first fragments carry no transport header, so they cannot be hashed to the same real as their first
    /// fragment without reassembly, which the fast path refuses to do. The pipeline drops them with a counted
    /// reason instead of guessing a real from the 3-tuple; clients that fragment TCP are rare and PMTUD
    /// (see <see cref="IcmpErrorBuilder"/>) keeps them rare.
    /// </remarks>
    public FlowKey Flow;

    public FragmentKind Fragment;

    /// <summary>IPv4: the 16-bit identification. IPv6: the fragment header's 32-bit identification (0 without one).</summary>
    public uint FragmentId;

    /// <summary>TCP flags byte (see <see cref="TcpFlagBits"/>); 0 for other protocols.</summary>
    public byte TcpFlags;

    /// <summary>DSCP and ECN: the IPv4 TOS byte or the IPv6 traffic class.</summary>
    public byte TrafficClass;

    /// <summary>IPv4: the DF bit. IPv6: always true, since routers never fragment IPv6.</summary>
    public bool DontFragment;

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl;

    /// <summary>ICMP/ICMPv6 type and code (0 for other protocols).</summary>
    public byte IcmpType;

    public byte IcmpCode;

    /// <summary>
    /// True for ICMP destination unreachable, time exceeded, parameter problem (v4: 3, 11, 12) and ICMPv6 types 1..4,
    /// when the quoted packet parsed far enough to give <see cref="EmbeddedFlow"/>.
    /// </summary>
    public bool IsIcmpError;

    /// <summary>
    /// For ICMP errors: the flow of the quoted packet with source and destination swapped. The quoted packet is one
    /// the real server sent (VIP to client), so the swap gives the client-side key of the connection the error is
    /// about, and the pipeline can steer the error to the same real (as Katran's parse_icmp does).
    /// </summary>
    public FlowKey EmbeddedFlow;
}
