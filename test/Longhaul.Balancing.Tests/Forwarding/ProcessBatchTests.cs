using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;
using static Longhaul.Balancing.Tests.Forwarding.TestDeployment;

namespace Longhaul.Balancing.Tests.Forwarding;

public sealed class ProcessBatchTests
{
    /// <summary>
    /// A traffic mix that exercises every branch the batch stages treat differently: new and established
    /// flows, closes and reused ports, another VIP, UDP, ICMP, later fragments, truncated and corrupted packets.
    /// </summary>
    private static int WriteMixed(Random random, Span<byte> destination)
    {
        var client = NetAddress.FromV4(0xC633_6400u | (uint)random.Next(1, 40));
        ushort port = (ushort)(40000 + random.Next(8));
        switch (random.Next(10))
        {
            case 0:
                return SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Syn);
            case 1:
                return SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Fin | SyntheticPackets.Ack);
            case 2:
                return SyntheticPackets.WriteTcp(destination, client, NetAddress.Parse("203.0.113.99"), port, 80, SyntheticPackets.Syn);
            case 3:
                return SyntheticPackets.WriteUdp(destination, client, Vip, port, 80, payloadLength: random.Next(100));
            case 4:
            {
                int length = SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Ack, payloadLength: 40);
                destination[6] = 0x00;
                destination[7] = 0x10; // a later fragment (offset 16 bytes): no ports to key on
                Ipv4HeaderWriter.UpdateChecksum(destination);
                return length;
            }

            case 5:
                return Math.Max(1, SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Ack) - random.Next(1, 30));
            case 6:
            {
                int length = SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Ack);
                destination[random.Next(20)] ^= (byte)(1 << random.Next(8));
                return length;
            }

            default:
                return SyntheticPackets.WriteTcp(destination, client, Vip, port, 80, SyntheticPackets.Ack | SyntheticPackets.Psh, payloadLength: random.Next(200));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void ProcessBatch_MixedTraffic_SameVerdictsBytesAndCountersAsOneByOne(int batchSize)
    {
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(Definition(Reals(5), tunnel: TunnelKind.Gue));
        ForwardingWorker single = Worker();
        ForwardingWorker batched = Worker();
        var batch = new ForwardingBatch(batchSize, 1500);
        byte[] buffer = NewBuffer();
        var random = new Random(2006);
        var expected = new List<(Verdict Verdict, DropReason Drop, int RealId, byte[] Bytes)>();
        long now = 1000;

        for (int sent = 0; sent < 3_000;)
        {
            expected.Clear();
            int count = random.Next(1, batchSize + 1);
            sent += count;
            for (int i = 0; i < count; i++)
            {
                int length = WriteMixed(random, batch.NextPacketSpace());
                batch.NextPacketSpace()[..length].CopyTo(buffer.AsSpan(PacketLayout.Headroom));
                batch.Add(length);
                Verdict verdict = single.Process(snapshot, buffer, PacketLayout.Headroom, length, now, out PacketResult result);
                byte[] bytes = verdict == Verdict.Drop ? [] : buffer.AsSpan(result.Offset, result.Length).ToArray();
                expected.Add((verdict, result.Drop, result.RealId, bytes));
            }

            int forwarded = batched.ProcessBatch(snapshot, batch, now);

            for (int i = 0; i < count; i++)
            {
                PacketResult result = batch.Results[i];
                Assert.Equal((expected[i].Verdict, expected[i].Drop, expected[i].RealId), (result.Verdict, result.Drop, result.RealId));
                Assert.Equal(expected[i].Bytes, batch.Output(i).ToArray());
            }

            Assert.Equal(expected.Count(e => e.Verdict == Verdict.Forward), forwarded);
            batch.Clear();
            single.AfterBatch(now);
            batched.AfterBatch(now);
            now += random.Next(0, 300);
        }

        Assert.True(single.Counters.FlowHits > 100, $"the mix should hit established flows ({single.Counters.FlowHits})");
        Assert.Equal(
            (single.Counters.Packets, single.Counters.Forwarded, single.Counters.FlowHits, single.Counters.FlowInserts, single.Counters.TotalDrops),
            (batched.Counters.Packets, batched.Counters.Forwarded, batched.Counters.FlowHits, batched.Counters.FlowInserts, batched.Counters.TotalDrops));
        Assert.Equal(single.Flows.Occupied, batched.Flows.Occupied);
    }

    [Fact]
    public void Add_BeyondCapacityOrMaxLength_Refused()
    {
        var batch = new ForwardingBatch(2, 100);
        batch.Add(100);
        batch.Add(1);

        Assert.True(batch.IsFull);
        Assert.Throws<InvalidOperationException>(() => batch.Add(1));
        batch.Clear();
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(101));
    }
}
