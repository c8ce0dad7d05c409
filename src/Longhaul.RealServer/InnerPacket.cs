using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>Reads the inner packet's destination and true length before it is written to the TUN device.</summary>
internal static class InnerPacket
{
    /// <summary>
    /// Checks the IP header at the start of <paramref name="inner"/> (of the expected family) and returns its
    /// destination and its own length, which may be shorter than the span when the outer packet was padded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DropReason Read(ReadOnlySpan<byte> inner, bool expectV6, out NetAddress destination, out int length)
    {
        destination = default;
        length = 0;
        if (inner.IsEmpty)
        {
            return DropReason.Truncated;
        }

        if ((inner[0] >> 4) != (expectV6 ? 6 : 4))
        {
            return DropReason.UnsupportedInner;
        }

        if (expectV6)
        {
            if (inner.Length < Ipv6Header.Length)
            {
                return DropReason.Truncated;
            }

            // A zero payload length would announce a jumbogram, which no tunnel of ours carries.
            int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(inner[4..]);
            if (payloadLength == 0 && inner.Length > Ipv6Header.Length)
            {
                return DropReason.UnsupportedInner;
            }

            length = Ipv6Header.Length + payloadLength;
            if (length > inner.Length)
            {
                return DropReason.Truncated;
            }

            destination = NetAddress.FromV6Bytes(inner.Slice(24, 16));
            return DropReason.None;
        }

        if (inner.Length < Ipv4Header.MinLength)
        {
            return DropReason.Truncated;
        }

        int headerLength = (inner[0] & 0x0F) << 2;
        length = BinaryPrimitives.ReadUInt16BigEndian(inner[2..]);
        if (headerLength < Ipv4Header.MinLength || length < headerLength)
        {
            return DropReason.UnsupportedInner;
        }

        if (length > inner.Length)
        {
            return DropReason.Truncated;
        }

        destination = NetAddress.FromV4Bytes(inner.Slice(16, 4));
        return DropReason.None;
    }
}
