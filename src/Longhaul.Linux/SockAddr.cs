using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Longhaul.Packets;

namespace Longhaul.Linux;

/// <summary>
/// Encodes and decodes <c>sockaddr_in</c> / <c>sockaddr_in6</c> in spans, without allocating.
/// The family field is host-endian; port and address are network order.
/// </summary>
internal static class SockAddr
{
    /// <summary>Enough for either family (<c>sockaddr_in6</c> is 28 bytes).</summary>
    public const int MaxLength = 28;

    public const int V4Length = 16;

    public const int V6Length = 28;

    /// <summary>
    /// Writes the address for a socket of <paramref name="socketFamily"/> (AF_INET or AF_INET6). An IPv4
    /// address for an AF_INET6 socket is written IPv4-mapped, which dual-stack UDP sockets accept.
    /// Returns the length written, or -EAFNOSUPPORT for an IPv6 address on an AF_INET socket.
    /// </summary>
    public static int Write(int socketFamily, NetAddress address, ushort port, Span<byte> destination)
    {
        if (socketFamily == Interop.Libc.AF_INET)
        {
            if (!address.IsIPv4)
            {
                return Errno.EAFNOSUPPORT.AsResult();
            }

            Span<byte> sa = destination[..V4Length];
            MemoryMarshal.Write(sa, (ushort)Interop.Libc.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(sa[2..], port);
            address.WriteV4(sa[4..]);
            sa[8..].Clear();
            return V4Length;
        }

        Span<byte> sa6 = destination[..V6Length];
        MemoryMarshal.Write(sa6, (ushort)Interop.Libc.AF_INET6);
        BinaryPrimitives.WriteUInt16BigEndian(sa6[2..], port);
        sa6[4..8].Clear(); // flow info
        address.WriteV6(sa6[8..]);
        sa6[24..].Clear(); // scope id
        return V6Length;
    }

    /// <summary>Reads an AF_INET or AF_INET6 sockaddr; false for anything shorter or of another family.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out NetAddress address, out ushort port)
    {
        if (source.Length >= 2)
        {
            ushort family = MemoryMarshal.Read<ushort>(source);
            if (family == Interop.Libc.AF_INET && source.Length >= V4Length)
            {
                port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
                address = NetAddress.FromV4Bytes(source[4..]);
                return true;
            }

            if (family == Interop.Libc.AF_INET6 && source.Length >= V6Length)
            {
                // IPv4-mapped sources (dual-stack sockets) come out as the same value as FromV4.
                port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
                address = NetAddress.FromV6Bytes(source[8..]);
                return true;
            }
        }

        address = default;
        port = 0;
        return false;
    }
}
