using Longhaul.Packets;
using static Longhaul.RealServer.Tests.DecapsulationFilterTests;

namespace Longhaul.RealServer.Tests;

public sealed class DecapsulationReceiverTests
{
    [Fact]
    public void Handle_MixedPackets_CountsEachOutcome()
    {
        var sink = new RecordingSink();
        using DecapsulationReceiver receiver = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
        byte[] inner = ClientUdp(Vip);
        byte[] good = TunnelPackets.Encapsulate(inner, Ipip(Director, Real));
        byte[] notVip = TunnelPackets.Encapsulate(ClientUdp(OtherHost), Ipip(Director, Real));

        Assert.Equal(DropReason.None, receiver.Handle(good, Director, truncated: false));
        Assert.Equal(DropReason.NotAllowedSource, receiver.Handle(good, Stranger, truncated: false));
        Assert.Equal(DropReason.NotAVip, receiver.Handle(notVip, Director, truncated: false));
        Assert.Equal(DropReason.Oversize, receiver.Handle(good, Director, truncated: true));

        AgentCounters c = receiver.Counters;
        Assert.Equal(4, c.Received);
        Assert.Equal(1, c.Decapsulated);
        Assert.Equal(inner.Length, c.Bytes);
        Assert.Equal(1, c.Dropped(DropReason.NotAllowedSource));
        Assert.Equal(1, c.Dropped(DropReason.NotAVip));
        Assert.Equal(1, c.Dropped(DropReason.Oversize));
        Assert.Equal(1, sink.Writes);
        Assert.Equal(inner, sink.Last);
    }

    [Fact]
    public void Handle_TunRefusesWrite_CountsTunWriteFailed()
    {
        var sink = new RecordingSink { Result = -22 };
        using DecapsulationReceiver receiver = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
        byte[] good = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));

        Assert.Equal(DropReason.TunWriteFailed, receiver.Handle(good, Director, truncated: false));
        Assert.Equal(0, receiver.Counters.Decapsulated);
        Assert.Equal(1, receiver.Counters.Dropped(DropReason.TunWriteFailed));
    }

    [Fact]
    public void Handle_EveryPath_DoesNotAllocate()
    {
        var sink = new RecordingSink();
        using DecapsulationReceiver ipv4 = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
        using DecapsulationReceiver gue = DecapsulationReceiver.ForTest(IngressKind.GuePayload, Filter(), sink);
        using DecapsulationReceiver ipv6 = DecapsulationReceiver.ForTest(IngressKind.Ipv6PayloadIpv6Inner, Filter(), sink);
        byte[] good = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));
        byte[] notVip = TunnelPackets.Encapsulate(ClientUdp(OtherHost), Ipip(Director, Real));
        byte[] guePayload = TunnelPackets.GuePayload(TunnelPackets.Encapsulate(ClientUdp(Vip6), new TunnelParameters(TunnelKind.Gue, Director, Real)));
        byte[] sixInSix = TunnelPackets.Ipv6Payload(TunnelPackets.Encapsulate(ClientUdp(Vip6), Ipip(Director6, Real6)));
        byte[] broken = good[..30];

        void Round()
        {
            ipv4.Handle(good, Director, false);
            ipv4.Handle(good, Stranger, false);
            ipv4.Handle(notVip, Director, false);
            ipv4.Handle(broken, Director, false);
            gue.Handle(guePayload, Director, false);
            ipv6.Handle(sixInSix, Director6, false);
        }

        for (int i = 0; i < 50; i++)
        {
            Round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2050, ipv4.Counters.Decapsulated);
        Assert.Equal(2050, gue.Counters.Decapsulated);
        Assert.Equal(2050, ipv6.Counters.Decapsulated);
        Assert.Equal(2050, ipv4.Counters.Dropped(DropReason.Truncated));
    }
}
