using Longhaul.Packets;

namespace Longhaul.Egress.Tests;

public sealed class IcmpQuoteTests
{
    private static byte[] TracerouteProbe(NetAddress vip, NetAddress target, byte ttl, ushort port = 33437, ushort? tag = null)
    {
        byte[] packet = new byte[100];
        int length = IpUdpPacketWriter.Write(packet, vip, 40001, target, port, new byte[32], ttl, tag ?? IcmpQuote.Tag(ttl));
        return packet[..length];
    }

    [Fact]
    public void TryMatchV4_TimeExceededQuotingProbe_GivesHopAndRouter()
    {
        byte[] probe = TracerouteProbe(TestPackets.Vip, TestPackets.Client, ttl: 3);
        probe[8] = 1; // routers quote the header as it reached them: TTL counted down to 1
        byte[] icmp = TestPackets.IcmpV4(TestPackets.Router, TestPackets.Vip, IcmpHeader.TypeTimeExceeded, 0, probe);

        Assert.True(IcmpQuote.TryMatchV4(icmp, out TracerouteEcho echo));

        Assert.Equal(new TracerouteEcho(IcmpEchoKind.TimeExceeded, 11, 0, TestPackets.Router, TestPackets.Vip, TestPackets.Client, 40001, 33437, 3), echo);
    }

    [Fact]
    public void TryMatchV4_PortUnreachableFromTarget_IsPortUnreachable()
    {
        byte[] probe = TracerouteProbe(TestPackets.Vip, TestPackets.Client, ttl: 9);
        byte[] icmp = TestPackets.IcmpV4(TestPackets.Client, TestPackets.Vip, IcmpHeader.TypeDestinationUnreachable, 3, probe, quoteLength: probe.Length);

        Assert.True(IcmpQuote.TryMatchV4(icmp, out TracerouteEcho echo));

        Assert.Equal(IcmpEchoKind.PortUnreachable, echo.Kind);
        Assert.Equal(TestPackets.Client, echo.Responder);
        Assert.Equal(9, echo.Hop);
    }

    [Theory]
    [InlineData(0x1234)] // someone else's traceroute: not our tag
    [InlineData(0x4C00)] // our tag but TTL 0
    public void TryMatchV4_ForeignIdentification_Ignores(int tag)
    {
        byte[] probe = TracerouteProbe(TestPackets.Vip, TestPackets.Client, 2, tag: (ushort)tag);
        byte[] icmp = TestPackets.IcmpV4(TestPackets.Router, TestPackets.Vip, IcmpHeader.TypeTimeExceeded, 0, probe);

        Assert.False(IcmpQuote.TryMatchV4(icmp, out _));
    }

    [Fact]
    public void TryMatchV4_LowPortEchoReplyOrShortQuote_Ignores()
    {
        byte[] lowPort = TracerouteProbe(TestPackets.Vip, TestPackets.Client, 2, port: 53);
        Assert.False(IcmpQuote.TryMatchV4(TestPackets.IcmpV4(TestPackets.Router, TestPackets.Vip, 11, 0, lowPort), out _));

        byte[] probe = TracerouteProbe(TestPackets.Vip, TestPackets.Client, 2);
        Assert.False(IcmpQuote.TryMatchV4(TestPackets.IcmpV4(TestPackets.Router, TestPackets.Vip, IcmpHeader.TypeEchoReply, 0, probe), out _));
        Assert.False(IcmpQuote.TryMatchV4(TestPackets.IcmpV4(TestPackets.Router, TestPackets.Vip, 11, 0, probe, quoteLength: 27), out _));
    }

    [Fact]
    public void TryMatchV6_TimeExceededAndPortUnreachable_Match()
    {
        NetAddress vip = NetAddress.Parse("2001:db8:f::10");
        NetAddress target = NetAddress.Parse("2001:db8:c::10");
        NetAddress router = NetAddress.Parse("2001:db8:1::1");
        byte[] probe = TracerouteProbe(vip, target, ttl: 2);

        Assert.True(IcmpQuote.TryMatchV6(TestPackets.IcmpV6(3, 0, probe), router, out TracerouteEcho hop));
        Assert.Equal(IcmpEchoKind.TimeExceeded, hop.Kind);
        Assert.Equal(2, hop.Hop);
        Assert.Equal(vip, hop.Vip);
        Assert.Equal(router, hop.Responder);

        Assert.True(IcmpQuote.TryMatchV6(TestPackets.IcmpV6(1, 4, probe), target, out TracerouteEcho end));
        Assert.Equal(IcmpEchoKind.PortUnreachable, end.Kind);

        Assert.False(IcmpQuote.TryMatchV6(TestPackets.IcmpV6(129, 0, probe), target, out _)); // echo reply
    }

    [Fact]
    public void TracerouteSession_EchoesInAnyOrder_TracksFarthestHopAndArrival()
    {
        var session = new TracerouteSession(TestPackets.Vip, TestPackets.Client, 40001);
        TracerouteEcho Echo(int hop, IcmpEchoKind kind, NetAddress from) => new(kind, 0, 0, from, TestPackets.Vip, TestPackets.Client, 40001, 33434, hop);

        Assert.True(session.Add(Echo(2, IcmpEchoKind.TimeExceeded, TestPackets.Router)));
        Assert.True(session.Add(Echo(1, IcmpEchoKind.TimeExceeded, TestPackets.Router)));
        Assert.False(session.Add(Echo(1, IcmpEchoKind.TimeExceeded, TestPackets.Router)));
        Assert.False(session.Reached);
        Assert.Contains("at least 2 hop(s)", session.Describe(), StringComparison.Ordinal);

        Assert.True(session.Add(Echo(3, IcmpEchoKind.PortUnreachable, TestPackets.Client)));
        Assert.True(session.Reached);
        Assert.Equal(3, session.FarthestHop);

        // A probe with a larger TTL also reaches the target: the path stays three hops long.
        Assert.False(session.Add(Echo(5, IcmpEchoKind.PortUnreachable, TestPackets.Client)));
        Assert.Equal(3, session.FarthestHop);
        Assert.Equal([1, 2, 3], session.Hops.Keys.Order());
    }
}
