using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Forwarding.TestDeployment;

namespace Longhaul.Balancing.Tests.Forwarding;

public sealed class ForwardingWorkerTests
{
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.7");

    [Fact]
    public void Process_SynToVip_ForwardsIpipToARealAndDecapsulatesToTheOriginal()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(3)));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        int length = SyntheticPackets.WriteTcp(buffer.AsSpan(PacketLayout.Headroom), s_client, Vip, 40000, 80, SyntheticPackets.Syn);
        byte[] original = buffer.AsSpan(PacketLayout.Headroom, length).ToArray();

        Verdict verdict = worker.Process(snapshot, buffer, PacketLayout.Headroom, length, 1000, out PacketResult result);

        Assert.Equal(Verdict.Forward, verdict);
        Assert.Equal(PacketLayout.Headroom - 20, result.Offset);
        Assert.Equal(length + 20, result.Length);
        CompiledReal real = snapshot.FindReal(result.RealId)!;
        Assert.Equal(real.Address, result.NextHop);
        DecapsulationStatus status = Decapsulation.TryDecapsulate(buffer.AsSpan(result.Offset, result.Length), 6080, out DecapsulatedPacket decap);
        Assert.Equal(DecapsulationStatus.Ok, status);
        Assert.Equal(DirectorV4, decap.OuterSource);
        Assert.Equal(real.Address, decap.OuterDestination);
        Assert.Equal(original, buffer.AsSpan(result.Offset + decap.InnerOffset, decap.InnerLength).ToArray());
        Assert.Equal(1, worker.Counters.FlowInserts);
    }

    [Fact]
    public void Process_LaterPacketsOfAFlow_HitTheFlowTableAndKeepTheirReal()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(5), SchedulerKind.RoundRobin));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        Send(worker, snapshot, buffer, s_client, 40000, SyntheticPackets.Syn, out PacketResult first);

        for (int i = 0; i < 5; i++)
        {
            Send(worker, snapshot, buffer, s_client, 40000, SyntheticPackets.Ack, out PacketResult next, payload: 100);
            Assert.Equal(first.RealId, next.RealId);
        }

        Assert.Equal(5, worker.Counters.FlowHits);
        Assert.Equal(1, worker.Connections.Active(first.RealId));
    }

    [Fact]
    public void Process_UnknownVipOrPort_DropsAsNotAVip()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Assert.Equal(Verdict.Drop, Send(worker, snapshot, buffer, s_client, 1, SyntheticPackets.Syn, out PacketResult wrongPort, port: 443));
        Assert.Equal(Verdict.Drop, Send(worker, snapshot, buffer, s_client, 1, SyntheticPackets.Syn, out _, vip: NetAddress.Parse("203.0.113.99")));

        Assert.Equal(DropReason.NotAVip, wrongPort.Drop);
        Assert.Equal(2, worker.Counters.Drops(DropReason.NotAVip));
    }

    [Fact]
    public void Process_EveryPortService_MatchesAnyPort()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2), port: 0));
        ForwardingWorker worker = Worker();

        Assert.Equal(Verdict.Forward, Send(worker, snapshot, NewBuffer(), s_client, 1, SyntheticPackets.Syn, out _, port: 8443));
    }

    [Fact]
    public void Process_CorruptedHeaderChecksumAndTruncation_CountedDrops()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        int length = SyntheticPackets.WriteTcp(buffer.AsSpan(PacketLayout.Headroom), s_client, Vip, 1, 80, SyntheticPackets.Syn);
        buffer[PacketLayout.Headroom + 10] ^= 0xFF;

        worker.Process(snapshot, buffer, PacketLayout.Headroom, length, 0, out PacketResult bad);
        worker.Process(snapshot, buffer, PacketLayout.Headroom, 10, 0, out PacketResult shortPacket);

        Assert.Equal(DropReason.BadChecksum, bad.Drop);
        Assert.Equal(DropReason.Truncated, shortPacket.Drop);
    }

    [Fact]
    public void Process_NonFirstFragment_DroppedWithFragmentReason()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        Span<byte> ip = buffer.AsSpan(PacketLayout.Headroom);
        int length = SyntheticPackets.WriteUdp(ip, s_client, Vip, 5000, 80, 64);
        ip[6] = 0x00;
        ip[7] = 0x10; // fragment offset 16 × 8 bytes, no DF
        Ipv4HeaderWriter.UpdateChecksum(ip);

        worker.Process(snapshot, buffer, PacketLayout.Headroom, length, 0, out PacketResult result);

        Assert.Equal(DropReason.Fragment, result.Drop);
    }

    [Fact]
    public void Process_DrainingReal_KeepsEstablishedFlowsAndTakesNoNewOnes()
    {
        RealDefinition[] reals = Reals(4);
        ForwardingSnapshot before = SnapshotCompiler.Compile(Definition(reals));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        var established = new Dictionary<ushort, int>();
        for (ushort port = 1000; port < 1200; port++)
        {
            Send(worker, before, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult r);
            established[port] = r.RealId;
        }

        int drainedId = established[1000];
        CompiledReal drained = before.FindReal(drainedId)!;
        RealDefinition[] drainedReals = [.. reals.Select(r => r.Address == drained.Address ? r with { State = RealState.Draining } : r)];
        ForwardingSnapshot after = SnapshotCompiler.Compile(Definition(drainedReals), before);

        foreach ((ushort port, int realId) in established)
        {
            Send(worker, after, buffer, s_client, port, SyntheticPackets.Ack, out PacketResult r, now: 2000);
            Assert.Equal(realId, r.RealId);
        }

        for (ushort port = 5000; port < 5400; port++)
        {
            Send(worker, after, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult r, now: 2000);
            Assert.NotEqual(drainedId, r.RealId);
        }
    }

    [Fact]
    public void Process_SynOnAReusedPortOfADrainedReal_GoesToARealThatTakesNewFlows()
    {
        RealDefinition[] reals = Reals(3);
        ForwardingSnapshot before = SnapshotCompiler.Compile(Definition(reals));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        Send(worker, before, buffer, s_client, 7000, SyntheticPackets.Syn, out PacketResult first);
        CompiledReal drained = before.FindReal(first.RealId)!;
        RealDefinition[] changed = [.. reals.Select(r => r.Address == drained.Address ? r with { State = RealState.Draining } : r)];
        ForwardingSnapshot after = SnapshotCompiler.Compile(Definition(changed), before);

        // The real refused the first connect (RST straight to the client); the client reuses the port.
        Send(worker, after, buffer, s_client, 7000, SyntheticPackets.Syn, out PacketResult retry, now: 2000);

        Assert.Equal(Verdict.Forward, retry.Verdict);
        Assert.NotEqual(first.RealId, retry.RealId);
    }

    [Fact]
    public void Process_SynOnAReusedPortOfAnEstablishedFlowOnADrainedReal_GoesToARealThatTakesNewFlows()
    {
        // The real's service stopped and reset the connection: the RST went straight to the client, so the
        // director's entry still says established. The client's next connect may reuse the port.
        RealDefinition[] reals = Reals(3);
        ForwardingSnapshot before = SnapshotCompiler.Compile(Definition(reals));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        Send(worker, before, buffer, s_client, 7000, SyntheticPackets.Syn, out PacketResult first);
        Send(worker, before, buffer, s_client, 7000, SyntheticPackets.Ack, out _, payload: 100);
        CompiledReal drained = before.FindReal(first.RealId)!;
        Assert.Equal(1, worker.Connections.Active(first.RealId));
        RealDefinition[] changed = [.. reals.Select(r => r.Address == drained.Address ? r with { State = RealState.Draining } : r)];
        ForwardingSnapshot after = SnapshotCompiler.Compile(Definition(changed), before);

        Send(worker, after, buffer, s_client, 7000, SyntheticPackets.Ack, out PacketResult stillThere, now: 1500, payload: 10);
        Send(worker, after, buffer, s_client, 7000, SyntheticPackets.Syn, out PacketResult retry, now: 2000);

        Assert.Equal(first.RealId, stillThere.RealId);
        Assert.Equal(Verdict.Forward, retry.Verdict);
        Assert.NotEqual(first.RealId, retry.RealId);
        Assert.Equal((0, 0), (worker.Connections.Active(first.RealId), worker.Connections.Inactive(first.RealId)));
        Assert.Equal(1, worker.Connections.Inactive(retry.RealId));
    }

    [Fact]
    public void Process_RealDownOrRemoved_ItsFlowsAreRescheduledOthersStay()
    {
        RealDefinition[] reals = Reals(4);
        ForwardingSnapshot before = SnapshotCompiler.Compile(Definition(reals, SchedulerKind.RoundRobin));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        var flows = new Dictionary<ushort, int>();
        for (ushort port = 1000; port < 1100; port++)
        {
            Send(worker, before, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult r);
            flows[port] = r.RealId;
        }

        // Real 0 goes down, real 1 is removed from the configuration.
        NetAddress downAddress = reals[0].Address;
        RealDefinition[] changed = [reals[0] with { State = RealState.Down }, reals[2], reals[3]];
        ForwardingSnapshot after = SnapshotCompiler.Compile(Definition(changed, SchedulerKind.RoundRobin), before);
        int downId = after.Services[0].SchedulerOrder.Single(r => r.Address == downAddress).RealId;

        int moved = 0;
        foreach ((ushort port, int oldId) in flows)
        {
            Send(worker, after, buffer, s_client, port, SyntheticPackets.Ack, out PacketResult r, now: 2000);
            Assert.Equal(Verdict.Forward, r.Verdict);
            Assert.NotEqual(downId, r.RealId);
            Assert.NotNull(after.FindReal(r.RealId));
            if (r.RealId != oldId)
            {
                moved++;
                Assert.True(oldId == downId || before.FindReal(oldId)!.Address == reals[1].Address);
            }
        }

        Assert.Equal(50, moved);
        Assert.Equal(50, worker.Counters.Rescheduled);
    }

    [Fact]
    public void Process_IdenticalReload_KeepsEveryFlowOnItsReal()
    {
        BalancerDefinition definition = Definition(Reals(6), SchedulerKind.WeightedLeastConnection);
        ForwardingSnapshot first = SnapshotCompiler.Compile(definition);
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        var flows = new Dictionary<ushort, int>();
        for (ushort port = 1; port < 300; port++)
        {
            Send(worker, first, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult r);
            flows[port] = r.RealId;
        }

        ForwardingSnapshot reloaded = SnapshotCompiler.Compile(definition, first);

        Assert.Equal(first.Version + 1, reloaded.Version);
        foreach ((ushort port, int realId) in flows)
        {
            Send(worker, reloaded, buffer, s_client, port, SyntheticPackets.Ack, out PacketResult r);
            Assert.Equal(realId, r.RealId);
        }
    }

    [Fact]
    public void Process_TooBigWithDontFragment_RepliesFragNeededWithTunnelReducedMtu()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Verdict verdict = Send(worker, snapshot, buffer, s_client, 2000, SyntheticPackets.Ack, out PacketResult result, payload: 1460);

        Assert.Equal(Verdict.Reply, verdict);
        Assert.Equal(s_client, result.NextHop);
        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(buffer.AsSpan(result.Offset, result.Length), out ParsedPacket reply));
        Assert.Equal(Vip, reply.Flow.Source);
        Assert.Equal(s_client, reply.Flow.Destination);
        Assert.Equal(IcmpHeader.TypeDestinationUnreachable, reply.IcmpType);
        Assert.Equal(IcmpHeader.CodeFragmentationNeeded, reply.IcmpCode);
        int mtu = (buffer[result.Offset + 26] << 8) | buffer[result.Offset + 27];
        Assert.Equal(1480, mtu);
        Assert.Equal(1, worker.Counters.IcmpTooBigSent);
    }

    [Fact]
    public void Process_FullSizePacketThatFitsAfterMss_Forwards()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(2)));
        ForwardingWorker worker = Worker();

        Verdict verdict = Send(worker, snapshot, NewBuffer(), s_client, 2000, SyntheticPackets.Ack, out PacketResult result, payload: 1440);

        Assert.Equal(Verdict.Forward, verdict);
        Assert.Equal(1500, result.Length);
    }

    [Fact]
    public void Process_IcmpErrorAboutAFlow_SteeredToThatFlowsReal()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(8), SchedulerKind.RoundRobin));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        for (ushort port = 100; port < 110; port++)
        {
            Send(worker, snapshot, buffer, s_client, port, SyntheticPackets.Syn, out _);
        }

        Send(worker, snapshot, buffer, s_client, 105, SyntheticPackets.Ack, out PacketResult flow);

        // A router on the client's path says the VIP's reply (VIP:80 → client:105) was too big.
        byte[] quoted = new byte[60];
        int quotedLength = SyntheticPackets.WriteTcp(quoted, Vip, s_client, 80, 105, SyntheticPackets.Ack);
        int icmpLength = WriteIcmpFragNeeded(buffer.AsSpan(PacketLayout.Headroom), NetAddress.Parse("198.51.100.254"), Vip, quoted.AsSpan(0, quotedLength));

        Verdict verdict = worker.Process(snapshot, buffer, PacketLayout.Headroom, icmpLength, 1000, out PacketResult steered);

        Assert.Equal(Verdict.Forward, verdict);
        Assert.Equal(flow.RealId, steered.RealId);
        Assert.Equal(1, worker.Counters.IcmpSteered);
    }

    [Fact]
    public void Process_NewFlowsAboveTheRateLimit_ForwardedStatelesslyByMaglev()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(5), SchedulerKind.RoundRobin));
        ForwardingWorker worker = Worker(newFlowsPerSecond: 10);
        byte[] buffer = NewBuffer();

        for (ushort port = 1; port <= 100; port++)
        {
            Assert.Equal(Verdict.Forward, Send(worker, snapshot, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult r));
            if (port > 10)
            {
                ulong hash = FlowHasher.Hash(new FlowKey(s_client, Vip, port, 80, IpProtocol.Tcp), snapshot.HashSeed);
                CompiledService service = snapshot.Services[0];
                Assert.Equal(service.SchedulerOrder[service.StatelessTable.Lookup(hash)].RealId, r.RealId);
            }
        }

        Assert.Equal(10, worker.Counters.FlowInserts);
        Assert.Equal(90, worker.Counters.StatelessForwards);
        Assert.Equal(10, worker.Flows.Occupied);
    }

    [Fact]
    public void Process_Persistence_SameClientPrefixSticksToOneReal()
    {
        var persistence = new PersistenceSettings(TimeSpan.FromSeconds(360), PrefixLengthV4: 24);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(5), SchedulerKind.RoundRobin, persistence: persistence));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();

        Send(worker, snapshot, buffer, NetAddress.Parse("198.51.100.7"), 1, SyntheticPackets.Syn, out PacketResult first);
        Send(worker, snapshot, buffer, NetAddress.Parse("198.51.100.8"), 2, SyntheticPackets.Syn, out PacketResult sameSubnet);
        Send(worker, snapshot, buffer, NetAddress.Parse("198.51.101.8"), 3, SyntheticPackets.Syn, out PacketResult otherSubnet);
        Send(worker, snapshot, buffer, NetAddress.Parse("198.51.100.9"), 4, SyntheticPackets.Syn, out PacketResult expired, now: 1000 + 361_000);

        Assert.Equal(first.RealId, sameSubnet.RealId);
        Assert.NotEqual(first.RealId, otherSubnet.RealId);
        Assert.NotEqual(first.RealId, expired.RealId);
        Assert.Equal(1, worker.Counters.PersistenceHits);
    }

    [Fact]
    public void Process_PersistenceWithMaglev_ClientPrefixGetsOneRealInEveryWorkerWithoutSharedTemplates()
    {
        // Two workers (or two directors) never see each other's templates; choosing by the template's hash
        // still puts every connection of a /24 on one real, and different prefixes spread over the reals.
        var persistence = new PersistenceSettings(TimeSpan.FromSeconds(360), PrefixLengthV4: 24);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(8), persistence: persistence));
        ForwardingWorker[] workers = [Worker(), Worker()];
        byte[] buffer = NewBuffer();
        var realsUsed = new HashSet<int>();
        for (int subnet = 0; subnet < 40; subnet++)
        {
            var reals = new HashSet<int>();
            for (int connection = 0; connection < 6; connection++)
            {
                var client = NetAddress.FromV4(0xC633_0000u | ((uint)subnet << 8) | (uint)(1 + (connection * 37 % 250)));
                Send(workers[connection % 2], snapshot, buffer, client, (ushort)(40000 + connection), SyntheticPackets.Syn, out PacketResult result);
                Assert.Equal(Verdict.Forward, result.Verdict);
                reals.Add(result.RealId);
            }

            Assert.Single(reals);
            realsUsed.UnionWith(reals);
        }

        Assert.True(realsUsed.Count >= 6, $"40 prefixes landed on only {realsUsed.Count} of 8 reals");
    }

    [Fact]
    public void Process_TwoDirectorsSameConfigAndSeed_AgreeOnEveryFlow()
    {
        ForwardingSnapshot a = SnapshotCompiler.Compile(Definition(Reals(12), seed: 42));
        RealDefinition[] shuffled = [.. Reals(12).Reverse()];
        ForwardingSnapshot b = SnapshotCompiler.Compile(Definition(shuffled, seed: 42));
        ForwardingSnapshot otherSeed = SnapshotCompiler.Compile(Definition(Reals(12), seed: 43));
        ForwardingWorker directorA = Worker();
        ForwardingWorker directorB = Worker();
        ForwardingWorker directorC = Worker();
        byte[] buffer = NewBuffer();
        int disagreements = 0;

        for (ushort port = 1; port <= 2000; port++)
        {
            // Director B sees the flow mid-stream, as after an ECMP change: no SYN, no state.
            Send(directorA, a, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult ra);
            Send(directorB, b, buffer, s_client, port, SyntheticPackets.Ack, out PacketResult rb);
            Send(directorC, otherSeed, buffer, s_client, port, SyntheticPackets.Syn, out PacketResult rc);
            Assert.Equal(ra.NextHop, rb.NextHop);
            disagreements += ra.NextHop == rc.NextHop ? 0 : 1;
        }

        Assert.True(disagreements > 1000, $"a different seed should place most flows elsewhere, moved {disagreements}");
    }

    [Theory]
    [InlineData(TunnelKind.Ipip, false)]
    [InlineData(TunnelKind.Gue, false)]
    [InlineData(TunnelKind.Ipip, true)]
    [InlineData(TunnelKind.Gue, true)]
    public void Process_EachTunnelAndFamily_RoundTripsThroughDecapsulation(TunnelKind kind, bool ipv6)
    {
        NetAddress vip = ipv6 ? VipV6 : Vip;
        NetAddress client = ipv6 ? NetAddress.Parse("2001:db8:c::7") : s_client;
        RealDefinition[] reals = ipv6 ? [Real("2001:db8:1::2"), Real("2001:db8:1::3")] : Reals(2);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(reals, tunnel: kind, vip: vip));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        int length = SyntheticPackets.WriteTcp(buffer.AsSpan(PacketLayout.Headroom), client, vip, 3333, 80, SyntheticPackets.Syn, 10);
        byte[] original = buffer.AsSpan(PacketLayout.Headroom, length).ToArray();

        Assert.Equal(Verdict.Forward, worker.Process(snapshot, buffer, PacketLayout.Headroom, length, 0, out PacketResult result));

        Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulate(buffer.AsSpan(result.Offset, result.Length), 6080, out DecapsulatedPacket decap));
        Assert.Equal(kind, decap.Kind);
        Assert.Equal(ipv6 ? DirectorV6 : DirectorV4, decap.OuterSource);
        Assert.Equal(original, buffer.AsSpan(result.Offset + decap.InnerOffset, decap.InnerLength).ToArray());
        if (kind == TunnelKind.Gue)
        {
            int udp = result.Offset + (ipv6 ? 40 : 20);
            int sourcePort = (buffer[udp] << 8) | buffer[udp + 1];
            Assert.InRange(sourcePort, 49152, 65535);
        }
    }

    [Fact]
    public void Process_EstablishedAndNewFlows_AllocateNothing()
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(12), SchedulerKind.WeightedLeastConnection));
        ForwardingWorker worker = Worker();
        byte[] buffer = NewBuffer();
        byte[] packet = new byte[100];
        int length = SyntheticPackets.WriteTcp(packet, s_client, Vip, 1, 80, SyntheticPackets.Ack, 20);
        Warm(worker, snapshot, buffer, packet, length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Warm(worker, snapshot, buffer, packet, length);
        for (ushort port = 2; port < 2000; port++)
        {
            Send(worker, snapshot, buffer, s_client, port, SyntheticPackets.Syn, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        static void Warm(ForwardingWorker worker, ForwardingSnapshot snapshot, byte[] buffer, byte[] packet, int length)
        {
            for (int i = 0; i < 10_000; i++)
            {
                packet.AsSpan(0, length).CopyTo(buffer.AsSpan(PacketLayout.Headroom));
                worker.Process(snapshot, buffer, PacketLayout.Headroom, length, 0, out _);
            }
        }
    }

    private static int WriteIcmpFragNeeded(Span<byte> destination, NetAddress router, NetAddress to, ReadOnlySpan<byte> quoted)
    {
        int icmpLength = 8 + quoted.Length;
        Ipv4HeaderWriter.Write(destination, 0, (ushort)(20 + icmpLength), 9, false, 64, IpProtocol.Icmp, router.V4, to.V4);
        Span<byte> icmp = destination.Slice(20, icmpLength);
        icmp.Clear();
        icmp[0] = IcmpHeader.TypeDestinationUnreachable;
        icmp[1] = IcmpHeader.CodeFragmentationNeeded;
        icmp[6] = 0x05;
        icmp[7] = 0x00;
        quoted.CopyTo(icmp[8..]);
        ushort checksum = InternetChecksum.Compute(icmp);
        icmp[2] = (byte)(checksum >> 8);
        icmp[3] = (byte)checksum;
        return 20 + icmpLength;
    }
}
