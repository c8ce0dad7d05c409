using System.Buffers.Binary;

namespace Longhaul.Packets;

/// <summary>ICMP and ICMPv6 errors: finding the flow of the quoted packet.</summary>
public static partial class PacketParser
{
    private static ParseStatus ParseIcmp(ReadOnlySpan<byte> message, ref ParsedPacket parsed)
    {
        if (message.Length < IcmpHeader.Length)
        {
            return ParseStatus.Truncated;
        }

        parsed.IcmpType = message[0];
        parsed.IcmpCode = message[1];
        if (!IcmpHeader.IsErrorType(message[0]))
        {
            return ParseStatus.Ok;
        }

        // RFC 792 quotes the IP header and at least 8 bytes of the original datagram; the total length inside the
        // quote describes the original, not the quote, so it is not checked against what is present.
        ReadOnlySpan<byte> quoted = message[IcmpHeader.Length..];
        if (!Ipv4Header.TryParse(quoted, out Ipv4Header inner))
        {
            return ParseStatus.BadEmbeddedPacket;
        }

        IpProtocol protocol = inner.Protocol;
        ushort sourcePort = 0;
        ushort destinationPort = 0;
        if (HasPorts(protocol) && inner.FragmentOffset == 0)
        {
            ReadOnlySpan<byte> transport = quoted[inner.HeaderLength..];
            if (transport.Length < 4)
            {
                return ParseStatus.BadEmbeddedPacket;
            }

            sourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
            destinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }

        parsed.EmbeddedFlow = new FlowKey(inner.Destination, inner.Source, destinationPort, sourcePort, protocol);
        parsed.IsIcmpError = true;
        return ParseStatus.Ok;
    }

    private static ParseStatus ParseIcmpv6(ReadOnlySpan<byte> message, ref ParsedPacket parsed)
    {
        if (message.Length < Icmpv6Header.Length)
        {
            return ParseStatus.Truncated;
        }

        parsed.IcmpType = message[0];
        parsed.IcmpCode = message[1];
        if (!Icmpv6Header.IsErrorType(message[0]))
        {
            return ParseStatus.Ok;
        }

        ReadOnlySpan<byte> quoted = message[Icmpv6Header.Length..];
        if (!Ipv6Header.TryParse(quoted, out Ipv6Header inner))
        {
            return ParseStatus.BadEmbeddedPacket;
        }

        // The quote may stop anywhere (RFC 4443 fills up to 1280 bytes), so the walk is bounded by the quote.
        ParseStatus walk = Ipv6ExtensionWalker.Walk(quoted, out int transportOffset, out IpProtocol protocol, out FragmentKind fragment, out _);
        if (walk != ParseStatus.Ok)
        {
            return ParseStatus.BadEmbeddedPacket;
        }

        ushort sourcePort = 0;
        ushort destinationPort = 0;
        if (HasPorts(protocol) && fragment != FragmentKind.Later)
        {
            ReadOnlySpan<byte> transport = quoted[transportOffset..];
            if (transport.Length < 4)
            {
                return ParseStatus.BadEmbeddedPacket;
            }

            sourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
            destinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }

        parsed.EmbeddedFlow = new FlowKey(inner.Destination, inner.Source, destinationPort, sourcePort, protocol);
        parsed.IsIcmpError = true;
        return ParseStatus.Ok;
    }

    private static bool HasPorts(IpProtocol protocol) => protocol is IpProtocol.Tcp or IpProtocol.Udp;
}
