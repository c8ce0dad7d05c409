using Longhaul.RealServer;
using Longhaul.RealServer.Egress;

namespace Longhaul.Egress.Tests;

public sealed class EgressResponderTests
{
    private static readonly AddressPrefixList s_directors = new([AddressPrefix.Parse("192.0.2.0/29")]);

    [Fact]
    public void TryHandle_ProbeFromDirector_Answers()
    {
        EgressResponder responder = EgressResponder.ForTest(EgressDefaults.ProbePort, s_directors, 100, new FakeTime());

        Assert.True(responder.TryHandle(TestPackets.Probe(TestPackets.Director, TestPackets.Vip)));

        Assert.Equal(1, responder.Answered);
    }

    [Fact]
    public void TryHandle_ProbeWhoseRepliesWouldGoToAStranger_ConsumedButNotAnswered()
    {
        EgressResponder responder = EgressResponder.ForTest(EgressDefaults.ProbePort, s_directors, 100, new FakeTime());

        Assert.True(responder.TryHandle(TestPackets.Probe(TestPackets.Client, TestPackets.Vip)));

        Assert.Equal(0, responder.Answered);
        Assert.Equal(1, responder.Refused);
    }

    [Fact]
    public void TryHandle_OrdinaryClientPacket_PassesThrough()
    {
        EgressResponder responder = EgressResponder.ForTest(EgressDefaults.ProbePort, s_directors, 100, new FakeTime());
        byte[] packet = new byte[100];
        int length = IpUdpPacketWriter.Write(packet, TestPackets.Client, 5353, TestPackets.Vip, 53, "query"u8);

        Assert.False(responder.TryHandle(packet.AsSpan(0, length)));
        Assert.False(responder.TryHandle(TestPackets.Probe(TestPackets.Director, TestPackets.Vip, port: 6082)));
    }

    [Fact]
    public void TryHandle_Flood_RateLimited()
    {
        var time = new FakeTime();
        EgressResponder responder = EgressResponder.ForTest(EgressDefaults.ProbePort, s_directors, 10, time);
        byte[] probe = TestPackets.Probe(TestPackets.Director, TestPackets.Vip);

        for (int i = 0; i < 100; i++)
        {
            Assert.True(responder.TryHandle(probe));
        }

        Assert.Equal(5, responder.Answered);   // burst of 10 replies, two per probe
        Assert.Equal(95, responder.RateLimited);

        time.Advance(TimeSpan.FromSeconds(1));
        responder.TryHandle(probe);
        Assert.Equal(6, responder.Answered);
    }

    [Fact]
    public void EgressProbeSink_ProbeAndClientPacket_OnlyClientPacketReachesTun()
    {
        var tun = new CountingSink();
        var sink = new EgressProbeSink(tun, EgressResponder.ForTest(EgressDefaults.ProbePort, s_directors, 100, new FakeTime()));
        byte[] probe = TestPackets.Probe(TestPackets.Director, TestPackets.Vip);
        byte[] client = TestPackets.Probe(TestPackets.Client, TestPackets.Vip, port: 80);

        Assert.Equal(probe.Length, sink.Write(probe));
        Assert.Equal(client.Length, sink.Write(client));

        Assert.Equal(1, tun.Count);
    }

    private sealed class CountingSink : IInnerPacketSink
    {
        public int Count { get; private set; }

        public int Write(ReadOnlySpan<byte> packet)
        {
            Count++;
            return packet.Length;
        }
    }
}
