namespace Longhaul.Packets.Tests;

public sealed class PacketParserIcmpTests
{
    private static readonly NetAddress s_client4 = NetAddress.Parse("198.51.100.7");
    private static readonly NetAddress s_vip4 = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_client6 = NetAddress.Parse("2001:db8:1::7");
    private static readonly NetAddress s_vip6 = NetAddress.Parse("2001:db8:ffff::10");

    [Theory]
    [InlineData(3, 4)]
    [InlineData(11, 0)]
    [InlineData(12, 0)]
    public void Parse_Icmpv4Error_EmbeddedFlowIsSwappedClientFlow(byte type, byte code)
    {
        // The real server's reply VIP:443 -> client:40000 hit a router that answers the client's side... of the VIP.
        byte[] quoted = PacketBuilder.V4("203.0.113.10", "198.51.100.7").Tcp(443, 40000, TcpFlagBits.Ack, payload: new byte[100]).Build();
        byte[] packet = PacketBuilder.V4("192.0.2.254", "203.0.113.10").Icmp(type, code, 1400, quoted.AsSpan(0, 28).ToArray()).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.True(parsed.IsIcmpError);
        Assert.Equal(type, parsed.IcmpType);
        Assert.Equal(code, parsed.IcmpCode);
        Assert.Equal(IpProtocol.Icmp, parsed.Protocol);
        Assert.Equal(new FlowKey(s_client4, s_vip4, 40000, 443, IpProtocol.Tcp), parsed.EmbeddedFlow);
        Assert.Equal(new FlowKey(NetAddress.Parse("192.0.2.254"), s_vip4, 0, 0, IpProtocol.Icmp), parsed.Flow);
    }

    [Fact]
    public void Parse_Icmpv4EchoRequest_NotAnError()
    {
        byte[] packet = PacketBuilder.V4().Icmp(8, 0, 0x00010002, [1, 2, 3, 4]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.False(parsed.IsIcmpError);
        Assert.Equal(8, parsed.IcmpType);
        Assert.Equal(default, parsed.EmbeddedFlow);
        Assert.Equal(new FlowKey(s_client4, s_vip4, 0, 0, IpProtocol.Icmp), parsed.Flow);
    }

    [Fact]
    public void Parse_Icmpv4ErrorQuotingOptionsAndUdp_UsesQuotedHeaderLength()
    {
        byte[] quoted = PacketBuilder.V4("203.0.113.10", "198.51.100.7").Ipv4Options([1, 1, 1, 1]).Udp(53, 5353).Build();
        byte[] packet = PacketBuilder.V4("192.0.2.254", "203.0.113.10").Icmp(3, 3, 0, quoted).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_client4, s_vip4, 5353, 53, IpProtocol.Udp), parsed.EmbeddedFlow);
    }

    [Fact]
    public void Parse_Icmpv4ErrorQuotingLaterFragment_PortsZero()
    {
        byte[] quoted = PacketBuilder.V4("203.0.113.10", "198.51.100.7").DontFragment(false).Fragment(10, false).Raw(IpProtocol.Udp, new byte[8]).Build();
        byte[] packet = PacketBuilder.V4("192.0.2.254", "203.0.113.10").Icmp(11, 1, 0, quoted).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_client4, s_vip4, 0, 0, IpProtocol.Udp), parsed.EmbeddedFlow);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(22)]
    public void Parse_Icmpv4ErrorWithShortQuote_BadEmbeddedPacket(int quoteLength)
    {
        byte[] quoted = PacketBuilder.V4("203.0.113.10", "198.51.100.7").Tcp(443, 40000).Build();
        byte[] packet = PacketBuilder.V4().Icmp(3, 1, 0, quoted.AsSpan(0, quoteLength).ToArray()).Build();

        Assert.Equal(ParseStatus.BadEmbeddedPacket, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.False(parsed.IsIcmpError);
    }

    [Fact]
    public void Parse_Icmpv4ErrorQuotingIpv6_BadEmbeddedPacket()
    {
        byte[] quoted = PacketBuilder.V6().Tcp(443, 40000).Build();
        byte[] packet = PacketBuilder.V4().Icmp(3, 1, 0, quoted).Build();

        Assert.Equal(ParseStatus.BadEmbeddedPacket, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_IcmpShorterThanHeader_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Raw(IpProtocol.Icmp, new byte[7]).Build();

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Parse_Icmpv6Error_EmbeddedFlowIsSwappedClientFlow(byte type)
    {
        byte[] quoted = PacketBuilder.V6("2001:db8:ffff::10", "2001:db8:1::7").Extension(IpProtocol.Ipv6DestinationOptions)
            .Tcp(443, 50000, payload: new byte[2000]).Build();
        byte[] packet = PacketBuilder.V6("2001:db8:99::1", "2001:db8:ffff::10").Icmp(type, 0, 1280, quoted.AsSpan(0, 1232).ToArray()).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.True(parsed.IsIcmpError);
        Assert.Equal(IpProtocol.Icmpv6, parsed.Protocol);
        Assert.Equal(type, parsed.IcmpType);
        Assert.Equal(new FlowKey(s_client6, s_vip6, 50000, 443, IpProtocol.Tcp), parsed.EmbeddedFlow);
    }

    [Fact]
    public void Parse_Icmpv6EchoRequest_NotAnError()
    {
        byte[] packet = PacketBuilder.V6().Icmp(128, 0, 0x00010001, [1, 2]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.False(parsed.IsIcmpError);
        Assert.Equal(128, parsed.IcmpType);
    }

    [Fact]
    public void Parse_Icmpv6ErrorQuoteCutInsideExtension_BadEmbeddedPacket()
    {
        byte[] quoted = PacketBuilder.V6("2001:db8:ffff::10", "2001:db8:1::7").Extension(IpProtocol.Ipv6Routing, 64).Tcp(443, 50000).Build();
        byte[] packet = PacketBuilder.V6().Icmp(2, 0, 1280, quoted.AsSpan(0, 60).ToArray()).Build();

        Assert.Equal(ParseStatus.BadEmbeddedPacket, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Icmpv4InsideIpv6_TreatedAsOpaqueProtocol()
    {
        byte[] packet = PacketBuilder.V6().Raw(IpProtocol.Icmp, [3, 4, 0, 0, 0, 0, 0, 0]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.False(parsed.IsIcmpError);
        Assert.Equal(0, parsed.IcmpType);
    }
}
