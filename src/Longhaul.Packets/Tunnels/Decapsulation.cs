using System.Buffers.Binary;

namespace Longhaul.Packets;

/// <summary>
/// Finds the inner packet of an IPIP or GUE packet on the real server. Nothing is copied: the result is an offset
/// and length within the given span, ready to be written to the TUN device.
/// </summary>
public static class Decapsulation
{
    /// <summary>
    /// Decapsulates a whole outer packet starting at its IP header, as a raw IPv4 socket for protocol 4, 41 or 17
    /// returns it. (Raw IPv6 sockets return only the payload, which for IPIP already is the inner packet; GUE
    /// payloads from a UDP socket go through <see cref="TryDecapsulateGuePayload"/>.)
    /// </summary>
    /// <param name="guePort">The UDP destination port GUE is received on; other UDP is <see cref="DecapsulationStatus.NotTunnel"/>.</param>
    public static DecapsulationStatus TryDecapsulate(ReadOnlySpan<byte> packet, ushort guePort, out DecapsulatedPacket result)
    {
        result = default;
        if (packet.IsEmpty)
        {
            return DecapsulationStatus.Truncated;
        }

        int payloadOffset;
        int totalLength;
        IpProtocol protocol;
        bool outerIsV4 = (packet[0] >> 4) == 4;
        if (outerIsV4)
        {
            DecapsulationStatus status = ReadOuterIpv4(packet, out payloadOffset, out totalLength, out protocol);
            if (status != DecapsulationStatus.Ok)
            {
                return status;
            }

            result.OuterSource = NetAddress.FromV4Bytes(packet[12..]);
            result.OuterDestination = NetAddress.FromV4Bytes(packet[16..]);
        }
        else if ((packet[0] >> 4) == 6)
        {
            DecapsulationStatus status = ReadOuterIpv6(packet, out payloadOffset, out totalLength, out protocol);
            if (status != DecapsulationStatus.Ok)
            {
                return status;
            }

            result.OuterSource = NetAddress.FromV6Bytes(packet[8..]);
            result.OuterDestination = NetAddress.FromV6Bytes(packet[24..]);
        }
        else
        {
            return DecapsulationStatus.BadOuterHeader;
        }

        ReadOnlySpan<byte> payload = packet[payloadOffset..totalLength];
        switch (protocol)
        {
            case IpProtocol.IpInIp:
            case IpProtocol.Ipv6:
            {
                bool innerIsV6 = protocol == IpProtocol.Ipv6;
                DecapsulationStatus status = CheckInner(payload, innerIsV6);
                if (status != DecapsulationStatus.Ok)
                {
                    return status;
                }

                result.Kind = TunnelKind.Ipip;
                result.InnerOffset = payloadOffset;
                result.InnerLength = payload.Length;
                result.InnerIsIPv6 = innerIsV6;
                return DecapsulationStatus.Ok;
            }

            case IpProtocol.Udp:
                return DecapsulateUdp(payloadOffset, payload, outerIsV4, guePort, ref result);

            default:
                return DecapsulationStatus.NotTunnel;
        }
    }

    /// <summary>
    /// Decapsulates a GUE UDP payload as a UDP socket returns it (the kernel has already checked the UDP checksum).
    /// </summary>
    public static DecapsulationStatus TryDecapsulateGuePayload(ReadOnlySpan<byte> udpPayload, out int innerOffset, out int innerLength) =>
        DecodeGue(udpPayload, out innerOffset, out innerLength, out _, out _);

    private static DecapsulationStatus DecapsulateUdp(
        int udpOffset,
        ReadOnlySpan<byte> datagram,
        bool outerIsV4,
        ushort guePort,
        ref DecapsulatedPacket result)
    {
        if (datagram.Length < UdpHeader.Length)
        {
            return DecapsulationStatus.Truncated;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) != guePort)
        {
            return DecapsulationStatus.NotTunnel;
        }

        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (udpLength < UdpHeader.Length || udpLength > datagram.Length)
        {
            return DecapsulationStatus.BadOuterHeader;
        }

        datagram = datagram[..udpLength];
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]);
        if (checksum != 0 || !outerIsV4)
        {
            uint pseudo = outerIsV4
                ? InternetChecksum.PseudoHeaderSumV4(result.OuterSource, result.OuterDestination, IpProtocol.Udp, udpLength)
                : InternetChecksum.PseudoHeaderSumV6(result.OuterSource, result.OuterDestination, IpProtocol.Udp, udpLength);
            if (checksum == 0 || !InternetChecksum.IsValid(datagram, pseudo))
            {
                return DecapsulationStatus.BadOuterChecksum;
            }
        }

        DecapsulationStatus status = DecodeGue(datagram[UdpHeader.Length..], out int innerOffset, out int innerLength, out GueVariant variant, out bool innerIsV6);
        if (status != DecapsulationStatus.Ok)
        {
            return status;
        }

        result.Kind = TunnelKind.Gue;
        result.Variant = variant;
        result.InnerOffset = udpOffset + UdpHeader.Length + innerOffset;
        result.InnerLength = innerLength;
        result.InnerIsIPv6 = innerIsV6;
        return DecapsulationStatus.Ok;
    }

    private static DecapsulationStatus DecodeGue(
        ReadOnlySpan<byte> payload,
        out int innerOffset,
        out int innerLength,
        out GueVariant variant,
        out bool innerIsV6)
    {
        innerOffset = 0;
        innerLength = 0;
        variant = GueVariant.V0;
        innerIsV6 = false;
        if (payload.IsEmpty)
        {
            return DecapsulationStatus.Truncated;
        }

        int version = payload[0] >> 6;
        int headerLength;
        if (version == 1)
        {
            // Variant 1: the payload is the IP packet itself; its version nibble says which.
            variant = GueVariant.V1;
            int ipVersion = payload[0] >> 4;
            if (ipVersion != 4 && ipVersion != 6)
            {
                return DecapsulationStatus.UnsupportedInner;
            }

            innerIsV6 = ipVersion == 6;
            headerLength = 0;
        }
        else if (version == 0)
        {
            if (payload.Length < TunnelOverhead.GueHeader)
            {
                return DecapsulationStatus.Truncated;
            }

            if ((payload[0] & 0x20) != 0)
            {
                return DecapsulationStatus.BadGueHeader;
            }

            // Hlen counts optional fields (private data, flags fields) in 32-bit words; they are skipped unread.
            headerLength = TunnelOverhead.GueHeader + ((payload[0] & 0x1F) << 2);
            if (payload.Length < headerLength)
            {
                return DecapsulationStatus.Truncated;
            }

            byte protocol = payload[1];
            if (protocol == (byte)IpProtocol.IpInIp)
            {
                innerIsV6 = false;
            }
            else if (protocol == (byte)IpProtocol.Ipv6)
            {
                innerIsV6 = true;
            }
            else
            {
                return DecapsulationStatus.UnsupportedInner;
            }
        }
        else
        {
            return DecapsulationStatus.BadGueHeader;
        }

        ReadOnlySpan<byte> inner = payload[headerLength..];
        DecapsulationStatus status = CheckInner(inner, innerIsV6);
        if (status != DecapsulationStatus.Ok)
        {
            return status;
        }

        innerOffset = headerLength;
        innerLength = inner.Length;
        return DecapsulationStatus.Ok;
    }

    private static DecapsulationStatus CheckInner(ReadOnlySpan<byte> inner, bool expectV6)
    {
        if (inner.IsEmpty)
        {
            return DecapsulationStatus.Truncated;
        }

        int version = inner[0] >> 4;
        if (version != (expectV6 ? 6 : 4))
        {
            return DecapsulationStatus.UnsupportedInner;
        }

        // Only the minimum is checked; the kernel behind the TUN device validates the inner packet fully.
        return inner.Length < (expectV6 ? Ipv6Header.Length : Ipv4Header.MinLength)
            ? DecapsulationStatus.Truncated
            : DecapsulationStatus.Ok;
    }

    private static DecapsulationStatus ReadOuterIpv4(ReadOnlySpan<byte> packet, out int headerLength, out int totalLength, out IpProtocol protocol)
    {
        headerLength = 0;
        totalLength = 0;
        protocol = default;
        if (packet.Length < Ipv4Header.MinLength)
        {
            return DecapsulationStatus.Truncated;
        }

        headerLength = (packet[0] & 0x0F) << 2;
        if (headerLength < Ipv4Header.MinLength)
        {
            return DecapsulationStatus.BadOuterHeader;
        }

        if (headerLength > packet.Length)
        {
            return DecapsulationStatus.Truncated;
        }

        totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (totalLength < headerLength)
        {
            return DecapsulationStatus.BadOuterHeader;
        }

        if (totalLength > packet.Length)
        {
            return DecapsulationStatus.Truncated;
        }

        if (!InternetChecksum.IsValidIpv4Header(packet[..headerLength]))
        {
            return DecapsulationStatus.BadOuterChecksum;
        }

        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
        {
            return DecapsulationStatus.Fragmented;
        }

        protocol = (IpProtocol)packet[9];
        return DecapsulationStatus.Ok;
    }

    private static DecapsulationStatus ReadOuterIpv6(ReadOnlySpan<byte> packet, out int payloadOffset, out int totalLength, out IpProtocol protocol)
    {
        payloadOffset = 0;
        totalLength = 0;
        protocol = default;
        if (packet.Length < Ipv6Header.Length)
        {
            return DecapsulationStatus.Truncated;
        }

        totalLength = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (totalLength > packet.Length)
        {
            return DecapsulationStatus.Truncated;
        }

        ParseStatus walk = Ipv6ExtensionWalker.Walk(packet[..totalLength], out payloadOffset, out protocol, out FragmentKind fragment, out _);
        if (walk == ParseStatus.Truncated)
        {
            return DecapsulationStatus.Truncated;
        }

        if (walk != ParseStatus.Ok)
        {
            return DecapsulationStatus.UnsupportedExtension;
        }

        return fragment == FragmentKind.None ? DecapsulationStatus.Ok : DecapsulationStatus.Fragmented;
    }
}
