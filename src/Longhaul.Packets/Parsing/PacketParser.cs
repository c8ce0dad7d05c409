using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>
/// Parses an IPv4 or IPv6 packet (starting at its IP header) into a <see cref="ParsedPacket"/>: lengths checked
/// once, the IPv4 header checksum verified, IPv6 extension headers walked, and ICMP errors resolved to the flow
/// they are about. Never throws and never allocates; malformed input yields a <see cref="ParseStatus"/>.
/// </summary>
/// <remarks>
/// Transport checksums are not verified: the director forwards packets unchanged and the real server's kernel
/// checks them, so verifying here would only double the per-byte cost.
/// </remarks>
public static partial class PacketParser
{
    [SkipLocalsInit]
    public static ParseStatus Parse(ReadOnlySpan<byte> packet, out ParsedPacket parsed)
    {
        parsed = default;
        if (packet.IsEmpty)
        {
            return ParseStatus.Truncated;
        }

        int version = packet[0] >> 4;
        if (version == 4)
        {
            return ParseIpv4(packet, ref parsed);
        }

        return version == 6 ? ParseIpv6(packet, ref parsed) : ParseStatus.BadVersion;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseStatus ParseIpv4(ReadOnlySpan<byte> packet, ref ParsedPacket parsed)
    {
        if (packet.Length < Ipv4Header.MinLength)
        {
            return ParseStatus.Truncated;
        }

        int headerLength = (packet[0] & 0x0F) << 2;
        if (headerLength < Ipv4Header.MinLength)
        {
            return ParseStatus.BadHeaderLength;
        }

        if (headerLength > packet.Length)
        {
            return ParseStatus.Truncated;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (totalLength < headerLength)
        {
            return ParseStatus.BadTotalLength;
        }

        if (totalLength > packet.Length)
        {
            return ParseStatus.Truncated;
        }

        if (!InternetChecksum.IsValidIpv4Header(packet[..headerLength]))
        {
            return ParseStatus.BadChecksum;
        }

        ushort fragmentField = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        IpProtocol protocol = (IpProtocol)packet[9];
        FragmentKind fragment = (fragmentField & 0x1FFF) != 0
            ? FragmentKind.Later
            : (fragmentField & 0x2000) != 0 ? FragmentKind.First : FragmentKind.None;

        parsed.NetworkHeaderLength = headerLength;
        parsed.TransportOffset = headerLength;
        parsed.TotalLength = totalLength;
        parsed.Protocol = protocol;
        parsed.TrafficClass = packet[1];
        parsed.DontFragment = (fragmentField & 0x4000) != 0;
        parsed.Ttl = packet[8];
        parsed.FragmentId = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        parsed.Fragment = fragment;

        ushort sourcePort = 0;
        ushort destinationPort = 0;
        ParseStatus status = ParseStatus.Ok;
        if (fragment != FragmentKind.Later)
        {
            status = ParseTransport(packet[headerLength..totalLength], protocol, ref parsed, out sourcePort, out destinationPort);
        }

        parsed.Flow = new FlowKey(
            NetAddress.FromV4Bytes(packet[12..]),
            NetAddress.FromV4Bytes(packet[16..]),
            sourcePort,
            destinationPort,
            protocol);
        return status;
    }

    private static ParseStatus ParseIpv6(ReadOnlySpan<byte> packet, ref ParsedPacket parsed)
    {
        if (packet.Length < Ipv6Header.Length)
        {
            return ParseStatus.Truncated;
        }

        int totalLength = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (totalLength > packet.Length)
        {
            return ParseStatus.Truncated;
        }

        ReadOnlySpan<byte> datagram = packet[..totalLength];
        ParseStatus status = Ipv6ExtensionWalker.Walk(
            datagram, out int transportOffset, out IpProtocol protocol, out FragmentKind fragment, out uint fragmentId);

        parsed.IsIPv6 = true;
        parsed.NetworkHeaderLength = transportOffset;
        parsed.TransportOffset = transportOffset;
        parsed.TotalLength = totalLength;
        parsed.Protocol = protocol;
        parsed.TrafficClass = (byte)((packet[0] << 4) | (packet[1] >> 4));
        parsed.DontFragment = true;
        parsed.Ttl = packet[7];
        parsed.Fragment = fragment;
        parsed.FragmentId = fragmentId;

        ushort sourcePort = 0;
        ushort destinationPort = 0;
        if (status == ParseStatus.Ok && fragment != FragmentKind.Later)
        {
            status = ParseTransport(datagram[transportOffset..], protocol, ref parsed, out sourcePort, out destinationPort);
        }

        parsed.Flow = new FlowKey(
            NetAddress.FromV6Bytes(packet[8..]),
            NetAddress.FromV6Bytes(packet[24..]),
            sourcePort,
            destinationPort,
            protocol);
        return status;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseStatus ParseTransport(
        ReadOnlySpan<byte> transport,
        IpProtocol protocol,
        ref ParsedPacket parsed,
        out ushort sourcePort,
        out ushort destinationPort)
    {
        sourcePort = 0;
        destinationPort = 0;
        switch (protocol)
        {
            case IpProtocol.Tcp:
                if (transport.Length < TcpHeader.MinLength)
                {
                    return ParseStatus.Truncated;
                }

                int dataOffset = (transport[12] >> 4) << 2;
                if (dataOffset < TcpHeader.MinLength)
                {
                    return ParseStatus.BadTransportHeader;
                }

                if (dataOffset > transport.Length)
                {
                    return ParseStatus.Truncated;
                }

                sourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
                destinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
                parsed.TcpFlags = transport[13];
                return ParseStatus.Ok;

            case IpProtocol.Udp:
                if (transport.Length < UdpHeader.Length)
                {
                    return ParseStatus.Truncated;
                }

                sourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
                destinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
                return ParseStatus.Ok;

            case IpProtocol.Icmp when !parsed.IsIPv6:
                return ParseIcmp(transport, ref parsed);

            case IpProtocol.Icmpv6 when parsed.IsIPv6:
                return ParseIcmpv6(transport, ref parsed);

            default:
                return ParseStatus.Ok;
        }
    }
}
