using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>
/// A read-only view of an IPv4 header (RFC 791), options included. <see cref="TryParse"/> checks the version and
/// that the IHL-declared header fits; it does not check the total length against the span, so the same view
/// serves whole packets and the truncated copies quoted inside ICMP errors.
/// </summary>
public readonly ref struct Ipv4Header
{
    public const int MinLength = 20;

    private readonly ReadOnlySpan<byte> _header;

    private Ipv4Header(ReadOnlySpan<byte> header) => _header = header;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinLength || (packet[0] >> 4) != 4)
        {
            return false;
        }

        int headerLength = (packet[0] & 0x0F) << 2;
        if (headerLength < MinLength || headerLength > packet.Length)
        {
            return false;
        }

        header = new Ipv4Header(packet[..headerLength]);
        return true;
    }

    /// <summary>The header bytes (IHL × 4), options included.</summary>
    public ReadOnlySpan<byte> Bytes => _header;

    public int HeaderLength => _header.Length;

    /// <summary>The DSCP and ECN bits (the former TOS byte).</summary>
    public byte TypeOfService => _header[1];

    public byte Dscp => (byte)(_header[1] >> 2);

    public byte Ecn => (byte)(_header[1] & 0x03);

    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_header[2..]);

    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_header[4..]);

    public bool DontFragment => (_header[6] & 0x40) != 0;

    public bool MoreFragments => (_header[6] & 0x20) != 0;

    /// <summary>The fragment offset field, in 8-byte units.</summary>
    public ushort FragmentOffset => (ushort)(BinaryPrimitives.ReadUInt16BigEndian(_header[6..]) & 0x1FFF);

    /// <summary>True for any fragment: more fragments follow, or this is not the first one.</summary>
    public bool IsFragment => (BinaryPrimitives.ReadUInt16BigEndian(_header[6..]) & 0x3FFF) != 0;

    public byte Ttl => _header[8];

    public IpProtocol Protocol => (IpProtocol)_header[9];

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_header[10..]);

    public NetAddress Source => NetAddress.FromV4Bytes(_header[12..]);

    public NetAddress Destination => NetAddress.FromV4Bytes(_header[16..]);

    public ReadOnlySpan<byte> Options => _header[MinLength..];

    public bool HasValidChecksum => InternetChecksum.IsValidIpv4Header(_header);
}
