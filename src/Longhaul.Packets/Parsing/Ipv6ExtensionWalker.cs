using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>
/// Walks the IPv6 extension-header chain to the transport header. Shared by the packet parser, the ICMPv6 quote
/// parser and decapsulation, so all three agree on which chains are acceptable.
/// </summary>
internal static class Ipv6ExtensionWalker
{
    /// <summary>More headers than this is not traffic a load balancer should spend cycles on (RFC 7045 allows dropping).</summary>
    public const int MaxHeaders = 8;

    /// <param name="datagram">The packet from its IPv6 header up to the end of what may be read (payload length or quote end).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ParseStatus Walk(
        ReadOnlySpan<byte> datagram,
        out int transportOffset,
        out IpProtocol protocol,
        out FragmentKind fragment,
        out uint fragmentId)
    {
        int offset = Ipv6Header.Length;
        byte next = datagram[6];
        fragment = FragmentKind.None;
        fragmentId = 0;
        bool sawFragmentHeader = false;

        for (int walked = 0; walked <= MaxHeaders; walked++)
        {
            int length;
            switch (next)
            {
                case (byte)IpProtocol.HopByHop:
                    if (offset != Ipv6Header.Length)
                    {
                        // RFC 8200 §4.1: hop-by-hop only directly after the IPv6 header.
                        goto default_unsupported;
                    }

                    goto case (byte)IpProtocol.Ipv6DestinationOptions;
                case (byte)IpProtocol.Ipv6Routing:
                case (byte)IpProtocol.Ipv6DestinationOptions:
                    if (datagram.Length - offset < 2)
                    {
                        goto truncated;
                    }

                    length = (datagram[offset + 1] + 1) << 3;
                    break;
                case (byte)IpProtocol.Ah:
                    if (datagram.Length - offset < 2)
                    {
                        goto truncated;
                    }

                    // RFC 4302: AH length is in 4-byte units minus 2.
                    length = (datagram[offset + 1] + 2) << 2;
                    break;
                case (byte)IpProtocol.Ipv6Fragment:
                    if (sawFragmentHeader)
                    {
                        goto default_unsupported;
                    }

                    if (datagram.Length - offset < 8)
                    {
                        goto truncated;
                    }

                    ushort field = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
                    fragmentId = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
                    next = datagram[offset];
                    offset += 8;
                    sawFragmentHeader = true;
                    if ((field >> 3) != 0)
                    {
                        // No transport header in a later fragment; report what the fragment header names.
                        fragment = FragmentKind.Later;
                        transportOffset = offset;
                        protocol = (IpProtocol)next;
                        return ParseStatus.Ok;
                    }

                    fragment = (field & 1) != 0 ? FragmentKind.First : FragmentKind.None;
                    continue;
                case 135: // Mobility
                case 139: // HIP
                case 140: // Shim6
                case 253: // experimental
                case 254:
                    goto default_unsupported;
                default:
                    transportOffset = offset;
                    protocol = (IpProtocol)next;
                    return ParseStatus.Ok;
            }

            if (datagram.Length - offset < length)
            {
                goto truncated;
            }

            next = datagram[offset];
            offset += length;
        }

    default_unsupported:
        transportOffset = offset;
        protocol = (IpProtocol)next;
        return ParseStatus.UnsupportedExtension;

    truncated:
        transportOffset = offset;
        protocol = (IpProtocol)next;
        return ParseStatus.Truncated;
    }
}
