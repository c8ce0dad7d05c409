using System.Buffers.Binary;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Director.Workers;
using Longhaul.Packets;
using static Longhaul.Director.Tests.TestConfigs;

namespace Longhaul.Director.Tests;

public sealed class WorkerLoopTests
{
    [Fact]
    public void RunBatch_SynToVip_ForwardsTheIpipPacketToTheReal()
    {
        byte[] syn = Tcp(40000, SyntheticPackets.Syn);
        var io = new InMemoryPacketIo(syn) { Queued = 1 };
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        int processed = loop.RunBatch(waitMilliseconds: 0);

        Assert.Equal(1, processed);
        Assert.Equal(1, io.ForwardedCount);
        byte[] sent = io.Forwarded(0, out NetAddress nextHop);
        Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulate(sent, 6080, out DecapsulatedPacket inner));
        Assert.Equal(TunnelSource, inner.OuterSource);
        Assert.Equal(nextHop, inner.OuterDestination);
        Assert.Contains(nextHop, new[] { NetAddress.Parse("100.64.1.2"), NetAddress.Parse("100.64.2.2") });
        Assert.Equal(syn, sent.AsSpan(inner.InnerOffset, inner.InnerLength).ToArray());
        Assert.Equal(1, loop.Counters.Sent);
        Assert.Equal(1, loop.Counters.Batches);
        Assert.Equal(1, io.FlushCalls);
    }

    [Fact]
    public void RunBatch_FullSizePacketWithDf_RepliesFragmentationNeededWithTheTunnelMtuLessOverhead()
    {
        byte[] big = Tcp(40001, SyntheticPackets.Ack, payload: 1460);
        Assert.Equal(1500, big.Length);
        var io = new InMemoryPacketIo(big) { Queued = 1 };
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        loop.RunBatch(0);

        Assert.Equal(0, io.ForwardedCount);
        Assert.Equal(1, io.ReplyCount);
        Assert.Equal(1, loop.Counters.Replies);
        byte[] reply = io.ReplyAt(0);
        Assert.True(Ipv4Header.TryParse(reply, out Ipv4Header ip));
        Assert.Equal(IpProtocol.Icmp, ip.Protocol);
        Assert.Equal(Vip, ip.Source);
        Assert.Equal(Client, ip.Destination);
        Assert.True(ip.HasValidChecksum);
        Assert.True(IcmpHeader.TryParse(reply.AsSpan(ip.HeaderLength), out IcmpHeader icmp));
        Assert.Equal(IcmpHeader.TypeDestinationUnreachable, icmp.Type);
        Assert.Equal(IcmpHeader.CodeFragmentationNeeded, icmp.Code);
        Assert.Equal(1480, (int)(icmp.RestOfHeader & 0xFFFF));
        Assert.True(icmp.HasValidChecksum);
    }

    [Fact]
    public void RunBatch_MoreQueuedThanTheBatch_TakesOneBatchAtATime()
    {
        var io = new InMemoryPacketIo(Tcp(1, SyntheticPackets.Syn), Tcp(2, SyntheticPackets.Syn), Tcp(3, SyntheticPackets.Syn)) { Queued = 100 };
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        Assert.Equal(64, loop.RunBatch(0));
        Assert.Equal(36, loop.RunBatch(0));
        Assert.Equal(0, loop.RunBatch(0));
        Assert.Equal(100, io.ForwardedCount);
        Assert.Equal(2, io.FlushCalls);
        Assert.Equal(100, loop.Worker.Counters.Packets);
    }

    [Fact]
    public void RunBatch_NothingQueued_WaitsOnceAndReturnsZero()
    {
        var io = new InMemoryPacketIo(Tcp(1, SyntheticPackets.Syn));
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        Assert.Equal(0, loop.RunBatch(waitMilliseconds: 5));

        Assert.Equal(1, io.WaitCalls);
        Assert.Equal(0, io.FlushCalls);
    }

    [Fact]
    public void RunBatch_SnapshotPublishedBetweenBatches_TheNextBatchUsesIt()
    {
        byte[] toPort8080 = SyntheticPacket(p => SyntheticPackets.WriteTcp(p, Client, Vip, 40000, 8080, SyntheticPackets.Syn));
        var io = new InMemoryPacketIo(toPort8080) { Queued = 1 };
        ForwardingSnapshot first = Snapshot();
        var holder = new SnapshotHolder(first);
        var loop = new WorkerLoop<InMemoryPacketIo>(NewWorker(), holder, io);

        loop.RunBatch(0);
        holder.Publish(Snapshot(port: 8080, previous: first));
        io.Queued = 1;
        loop.RunBatch(0);

        Assert.Equal(1, loop.Worker.Counters.Drops(DropReason.NotAVip));
        Assert.Equal(1, io.ForwardedCount);
    }

    [Fact]
    public void RunBatch_KernelRefusesAtFlush_CountsSendErrorsNotSent()
    {
        var io = new InMemoryPacketIo(Tcp(1, SyntheticPackets.Syn)) { Queued = 3, RefuseAtFlush = true };
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        loop.RunBatch(0);

        Assert.Equal(0, loop.Counters.Sent);
        Assert.Equal(3, loop.Counters.SendErrors);
    }

    [Fact]
    public void RunBatch_SteadyTraffic_AllocatesNothingPerPacket()
    {
        // 256 flows of SYN, data, FIN; a UDP flow; too-big packets; packets for no VIP: every verdict.
        var packets = new List<byte[]>();
        for (ushort port = 1000; port < 1256; port++)
        {
            packets.Add(Tcp(port, SyntheticPackets.Syn));
            packets.Add(Tcp(port, SyntheticPackets.Ack, payload: 100));
            packets.Add(Tcp(port, SyntheticPackets.Fin | SyntheticPackets.Ack));
        }

        packets.Add(SyntheticPacket(p => SyntheticPackets.WriteUdp(p, Client, Vip, 999, 5000, 64)));
        packets.Add(Tcp(2000, SyntheticPackets.Ack, payload: 1460));
        packets.Add(SyntheticPacket(p => SyntheticPackets.WriteTcp(p, Client, NetAddress.Parse("203.0.113.99"), 1, 80, SyntheticPackets.Syn)));
        var io = new InMemoryPacketIo([.. packets]);
        WorkerLoop<InMemoryPacketIo> loop = Loop(Snapshot(), io);

        void Batches(int count)
        {
            for (int i = 0; i < count; i++)
            {
                io.Queued = 64;
                loop.RunBatch(0);
            }
        }

        Batches(200); // JIT, tiering, first inserts
        long before = GC.GetAllocatedBytesForCurrentThread();
        Batches(500);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(io.ForwardedCount > 20_000);
        Assert.True(io.ReplyCount > 50);
        Assert.True(loop.Worker.Counters.Drops(DropReason.NotAVip) > 50);
    }

    [Fact]
    public void Tcp_Helper_WritesDontFragment()
    {
        byte[] packet = Tcp(1, SyntheticPackets.Syn);

        Assert.Equal(0x4000, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6)) & 0x4000);
    }

    internal static WorkerLoop<InMemoryPacketIo> Loop(ForwardingSnapshot snapshot, InMemoryPacketIo io) =>
        new(NewWorker(), new SnapshotHolder(snapshot), io);

    internal static ForwardingWorker NewWorker(ConnectionCounts? connections = null) =>
        new(new WorkerOptions(FlowCapacity: 4096, PersistenceCapacity: 1024), connections ?? new ConnectionCounts(ForwardingSnapshot.MaxReals));

    internal static byte[] Tcp(ushort clientPort, byte flags, int payload = 0) =>
        SyntheticPacket(p => SyntheticPackets.WriteTcp(p, Client, Vip, clientPort, 80, flags, payload));

    internal static byte[] SyntheticPacket(Func<byte[], int> write)
    {
        byte[] buffer = new byte[2000];
        int length = write(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
