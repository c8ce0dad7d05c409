using System.Runtime.CompilerServices;
using Longhaul.Balancing.Flows;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>Encapsulation toward the real, ICMP "too big" toward the client, and steering of ICMP errors.</summary>
public sealed partial class ForwardingWorker
{
    private Verdict Encapsulate(
        ForwardingSnapshot snapshot,
        CompiledReal real,
        Span<byte> buffer,
        int offset,
        int length,
        in ParsedPacket packet,
        ulong hash,
        ref PacketResult result,
        bool client)
    {
        // Bytes past the IP total length (link padding) are not part of the packet.
        int innerLength = Math.Min(length, packet.TotalLength);
        int mtu = snapshot.TunnelMtu;
        if (innerLength + real.TunnelOverhead > mtu)
        {
            // The fast path never fragments (nor does the kernel for packets sent with our own IP header):
            // a client that allows it to be told gets the MTU to use; anything else is counted and dropped.
            return packet.DontFragment
                ? ReplyTooBig(buffer, offset, innerLength, in packet, mtu - real.TunnelOverhead, ref result)
                : DropPacket(ref result, DropReason.TooBig);
        }

        int start = Encapsulation.Encapsulate(buffer, offset, innerLength, in real.Tunnel, TunnelParameters.EntropyPort((uint)(hash >> 32)));
        if (start < 0)
        {
            return DropPacket(ref result, DropReason.NoHeadroom);
        }

        if (client)
        {
            WorkerCounters counters = Counters;
            counters.Forwarded++;
            counters.RealPackets[real.RealId]++;
            counters.RealBytes[real.RealId] += innerLength;
        }

        result.Verdict = Verdict.Forward;
        result.Offset = start;
        result.Length = offset + innerLength - start;
        result.NextHop = real.Address;
        result.RealId = real.RealId;
        return Verdict.Forward;
    }

    /// <summary>
    /// Answers a client whose packet would not fit the tunnel with the MTU it must use, as the kernel's IPVS
    /// does (ensure_mtu_is_adequate), instead of fragmenting in the fast path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Verdict ReplyTooBig(Span<byte> buffer, int offset, int length, in ParsedPacket packet, int mtu, ref PacketResult result)
    {
        if (!IcmpErrorBuilder.MayReplyTo(in packet))
        {
            return DropPacket(ref result, DropReason.TooBig);
        }

        NetAddress vip = packet.Flow.Destination;
        int replyOffset;
        int replyLength = packet.IsIPv6
            ? IcmpErrorBuilder.WritePacketTooBig(buffer, offset, length, vip, (uint)mtu, out replyOffset)
            : IcmpErrorBuilder.WriteFragmentationNeeded(buffer, offset, length, vip, (ushort)mtu, out replyOffset);
        if (replyLength <= 0)
        {
            return DropPacket(ref result, DropReason.TooBig);
        }

        Counters.IcmpTooBigSent++;
        result.Verdict = Verdict.Reply;
        result.Offset = replyOffset;
        result.Length = replyLength;
        result.NextHop = packet.Flow.Source;
        return Verdict.Reply;
    }

    /// <summary>
    /// An ICMP error from a client (or a router on its path) about a connection to a VIP, such as "packet too
    /// big": send it to the real that serves that connection, found from the quoted header, so path-MTU
    /// discovery works through the director (Katran's parse_icmp).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Verdict SteerIcmpError(
        ForwardingSnapshot snapshot, Span<byte> buffer, int offset, int length, in ParsedPacket packet, long now, ref PacketResult result)
    {
        ref readonly FlowKey flow = ref packet.EmbeddedFlow;
        CompiledService? service = snapshot.FindService(flow.Protocol, flow.Destination, flow.DestinationPort);
        if (service is null)
        {
            return DropPacket(ref result, DropReason.NotAVip);
        }

        ulong hash = FlowHasher.Hash(flow, snapshot.HashSeed);
        CompiledReal? real = null;
        ref FlowSlot entry = ref _flows.Find(flow, hash, now);
        if (!Unsafe.IsNullRef(ref entry))
        {
            real = snapshot.FindReal(entry.RealId);
        }

        if (real is null || !real.KeepsFlows)
        {
            real = StatelessPick(service, ChoiceHash(service, in flow, hash, snapshot.HashSeed));
        }

        if (real is null)
        {
            return DropPacket(ref result, DropReason.NoRealAvailable);
        }

        Counters.IcmpSteered++;
        return Encapsulate(snapshot, real, buffer, offset, length, in packet, hash, ref result, client: true);
    }
}
