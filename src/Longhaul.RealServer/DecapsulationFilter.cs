using System.Runtime.CompilerServices;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// The agent's per-packet decision: is the sender an allowed director, is this a well-formed tunnel packet, is
/// the inner packet for one of our VIPs? Pure and allocation-free, so it is tested with in-memory packets and
/// the receive loops only add I/O around it.
/// </summary>
public sealed class DecapsulationFilter
{
    public DecapsulationFilter(AddressPrefixList allowedDirectors, VipSet vips)
    {
        ArgumentNullException.ThrowIfNull(allowedDirectors);
        ArgumentNullException.ThrowIfNull(vips);
        AllowedDirectors = allowedDirectors;
        Vips = vips;
    }

    public AddressPrefixList AllowedDirectors { get; }

    public VipSet Vips { get; }

    /// <summary>
    /// Decides what to do with one received datagram. <paramref name="source"/> is the sender as the socket
    /// reported it (for raw IPv6 and UDP sockets the outer header is gone, so the socket address is the only
    /// source there is; for raw IPv4 it equals the header's). Returns <see cref="DropReason.None"/> with the inner
    /// packet's place in <paramref name="datagram"/> when it should be written to the TUN device.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DropReason Decide(ReadOnlySpan<byte> datagram, IngressKind kind, NetAddress source, out int innerOffset, out int innerLength)
    {
        innerOffset = 0;
        innerLength = 0;

        // The source check comes first: a stranger's packet is counted as a stranger's, however it is built.
        if (!AllowedDirectors.Contains(source))
        {
            return DropReason.NotAllowedSource;
        }

        bool innerIsV6;
        switch (kind)
        {
            case IngressKind.Ipv4Packet:
            {
                // Port 0: a raw IPv4 socket for protocol 4 or 41 never sees UDP, and UDP here is not ours.
                DecapsulationStatus status = Decapsulation.TryDecapsulate(datagram, guePort: 0, out DecapsulatedPacket packet);
                if (status != DecapsulationStatus.Ok)
                {
                    return FromStatus(status);
                }

                innerOffset = packet.InnerOffset;
                innerIsV6 = packet.InnerIsIPv6;
                break;
            }

            case IngressKind.Ipv6PayloadIpv4Inner:
                innerIsV6 = false;
                break;

            case IngressKind.Ipv6PayloadIpv6Inner:
                innerIsV6 = true;
                break;

            case IngressKind.GuePayload:
            {
                DecapsulationStatus status = Decapsulation.TryDecapsulateGuePayload(datagram, out innerOffset, out _);
                if (status != DecapsulationStatus.Ok)
                {
                    return FromStatus(status);
                }

                // GUE v0 names the inner protocol and v1 is the bare packet; either way the version nibble tells.
                innerIsV6 = (datagram[innerOffset] >> 4) == 6;
                break;
            }

            default:
                return DropReason.NotTunnel;
        }

        DropReason inner = InnerPacket.Read(datagram[innerOffset..], innerIsV6, out NetAddress destination, out innerLength);
        if (inner != DropReason.None)
        {
            return inner;
        }

        return Vips.Contains(destination) ? DropReason.None : DropReason.NotAVip;
    }

    internal static DropReason FromStatus(DecapsulationStatus status) => status switch
    {
        DecapsulationStatus.Ok => DropReason.None,
        DecapsulationStatus.NotTunnel => DropReason.NotTunnel,
        DecapsulationStatus.Truncated => DropReason.Truncated,
        DecapsulationStatus.BadOuterHeader => DropReason.BadOuterHeader,
        DecapsulationStatus.BadOuterChecksum => DropReason.BadOuterChecksum,
        DecapsulationStatus.Fragmented => DropReason.Fragmented,
        DecapsulationStatus.BadGueHeader => DropReason.BadGueHeader,
        DecapsulationStatus.UnsupportedInner => DropReason.UnsupportedInner,
        DecapsulationStatus.UnsupportedExtension => DropReason.UnsupportedExtension,
        _ => DropReason.BadOuterHeader,
    };
}
