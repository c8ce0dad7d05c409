using System.Runtime.CompilerServices;

namespace Longhaul.Egress;

/// <summary>The agent's side of the tunnel probe, without I/O: recognise a probe and write the two replies.</summary>
public static class ProbeResponse
{
    /// <summary>Bytes a VIP reply packet needs at most (IPv6 + UDP + message).</summary>
    public const int MaxVipReplyLength = IpUdpPacketWriter.MaxHeaderLength + ProbeMessage.Length;

    /// <summary>
    /// True when <paramref name="innerPacket"/> is a tunnel probe: UDP to <paramref name="probePort"/> carrying our
    /// magic with kind <see cref="ProbeKind.TunnelProbe"/>, and the VIP it names is the packet's destination. The
    /// port test comes first, so ordinary client traffic costs three byte compares.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadProbe(ReadOnlySpan<byte> innerPacket, ushort probePort, out ProbeRequest request)
    {
        request = default;
        if (!IpUdpPacket.IsUdpToPort(innerPacket, probePort))
        {
            return false;
        }

        return TryReadProbeSlow(innerPacket, out request);
    }

    /// <summary>The reply from the VIP: a whole IP packet (for a raw socket), source VIP:probe port, to the director.</summary>
    public static int WriteVipReply(Span<byte> destination, in ProbeRequest request)
    {
        Span<byte> message = stackalloc byte[ProbeMessage.Length];
        ProbeMessage.Write(message, ProbeKind.VipReply, request.Attempt, request.Token, request.Real, request.Vip);
        return IpUdpPacketWriter.Write(destination, request.Vip, request.ProbePort, request.Director, request.DirectorPort, message);
    }

    /// <summary>The control reply's UDP payload; it goes out of an ordinary socket, so the kernel picks the real's own address.</summary>
    public static void WriteControlPayload(Span<byte> destination, in ProbeRequest request) =>
        ProbeMessage.Write(destination, ProbeKind.ControlReply, request.Attempt, request.Token, request.Real, request.Vip);

    private static bool TryReadProbeSlow(ReadOnlySpan<byte> innerPacket, out ProbeRequest request)
    {
        request = default;
        if (!IpUdpPacket.TryParse(innerPacket, out IpUdpPacket udp)
            || !ProbeMessage.TryParse(udp.Payload, out ProbeMessage message)
            || message.Kind != ProbeKind.TunnelProbe
            || message.Vip != udp.Destination)
        {
            return false;
        }

        request = new ProbeRequest(udp.Source, udp.SourcePort, udp.Destination, udp.DestinationPort, message.Token, message.Attempt, message.Real);
        return true;
    }
}
