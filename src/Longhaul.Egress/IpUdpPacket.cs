using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// A view of an unfragmented IPv4 or IPv6 packet that carries UDP directly (no IPv4 options are refused, no IPv6
/// extension headers are followed: our own probes never have them). Used by the agent on every decapsulated
/// packet to spot a probe, so it reads a few bytes and allocates nothing.
/// </summary>
public readonly ref struct IpUdpPacket
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _udpOffset;

    private IpUdpPacket(ReadOnlySpan<byte> packet, int udpOffset, NetAddress source, NetAddress destination)
    {
        _packet = packet;
        _udpOffset = udpOffset;
        Source = source;
        Destination = destination;
    }

    public NetAddress Source { get; }

    public NetAddress Destination { get; }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_packet[_udpOffset..]);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_packet[(_udpOffset + 2)..]);

    /// <summary>The UDP payload as the UDP length field bounds it.</summary>
    public ReadOnlySpan<byte> Payload
    {
        get
        {
            int udpLength = BinaryPrimitives.ReadUInt16BigEndian(_packet[(_udpOffset + 4)..]);
            return _packet.Slice(_udpOffset + UdpHeader.Length, udpLength - UdpHeader.Length);
        }
    }

    /// <summary>Cheap pre-check for the hot path: UDP to <paramref name="port"/>, before any address is read.</summary>
    public static bool IsUdpToPort(ReadOnlySpan<byte> packet, ushort port)
    {
        if (packet.Length < Ipv4Header.MinLength + UdpHeader.Length)
        {
            return false;
        }

        int version = packet[0] >> 4;
        if (version == 4)
        {
            int headerLength = (packet[0] & 0x0F) << 2;
            return packet[9] == (byte)IpProtocol.Udp
                && packet.Length >= headerLength + UdpHeader.Length
                && BinaryPrimitives.ReadUInt16BigEndian(packet[(headerLength + 2)..]) == port;
        }

        return version == 6
            && packet.Length >= Ipv6Header.Length + UdpHeader.Length
            && packet[6] == (byte)IpProtocol.Udp
            && BinaryPrimitives.ReadUInt16BigEndian(packet[(Ipv6Header.Length + 2)..]) == port;
    }

    /// <summary>Checks lengths once; false for fragments, non-UDP and inconsistent lengths.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out IpUdpPacket view)
    {
        view = default;
        if (packet.IsEmpty)
        {
            return false;
        }

        int version = packet[0] >> 4;
        int udpOffset;
        int ipLength;
        NetAddress source;
        NetAddress destination;
        if (version == 4)
        {
            if (packet.Length < Ipv4Header.MinLength)
            {
                return false;
            }

            udpOffset = (packet[0] & 0x0F) << 2;
            ipLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            bool fragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0;
            if (udpOffset < Ipv4Header.MinLength || fragment || packet[9] != (byte)IpProtocol.Udp)
            {
                return false;
            }

            source = NetAddress.FromV4Bytes(packet.Slice(12, 4));
            destination = NetAddress.FromV4Bytes(packet.Slice(16, 4));
        }
        else if (version == 6)
        {
            if (packet.Length < Ipv6Header.Length || packet[6] != (byte)IpProtocol.Udp)
            {
                return false;
            }

            udpOffset = Ipv6Header.Length;
            ipLength = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
            source = NetAddress.FromV6Bytes(packet.Slice(8, 16));
            destination = NetAddress.FromV6Bytes(packet.Slice(24, 16));
        }
        else
        {
            return false;
        }

        if (ipLength > packet.Length || ipLength < udpOffset + UdpHeader.Length)
        {
            return false;
        }

        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(udpOffset + 4)..]);
        if (udpLength < UdpHeader.Length || udpOffset + udpLength > ipLength)
        {
            return false;
        }

        view = new IpUdpPacket(packet[..ipLength], udpOffset, source, destination);
        return true;
    }
}
