
namespace Longhaul.Packets.Tests;

public sealed class IcmpErrorBuilderTests
{
    private static readonly NetAddress s_client4 = NetAddress.Parse("198.51.100.7");
    private static readonly NetAddress s_vip4 = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_client6 = NetAddress.Parse("2001:db8:1::7");
    private static readonly NetAddress s_vip6 = NetAddress.Parse("2001:db8:ffff::10");

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1452)]
    public void WriteFragmentationNeeded_Ipv4Packet_ReplyInFrontWithQuoteInPlace(int payloadLength)
    {
        byte[] offending = PacketBuilder.V4().Tcp(40000, 443, TcpFlagBits.Ack, payload: new byte[payloadLength]).Build();
        byte[] buffer = EncapsulationTests.Place(offending, out int packetOffset);

        int length = IcmpErrorBuilder.WriteFragmentationNeeded(buffer, packetOffset, offending.Length, s_vip4, 1480, out int replyOffset);

        int quoted = Math.Min(offending.Length, 548);
        Assert.Equal(28 + quoted, length);
        Assert.Equal(packetOffset - 28, replyOffset);
        Assert.True(length <= 576);
        ReadOnlySpan<byte> reply = buffer.AsSpan(replyOffset, length);

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(reply, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_vip4, s_client4, 0, 0, IpProtocol.Icmp), parsed.Flow);
        Assert.Equal(64, parsed.Ttl);
        Assert.Equal(length, parsed.TotalLength);
        Assert.True(parsed.IsIcmpError);
        Assert.Equal(IcmpHeader.TypeDestinationUnreachable, parsed.IcmpType);
        Assert.Equal(IcmpHeader.CodeFragmentationNeeded, parsed.IcmpCode);

        // Swapping the quoted client packet's addresses gives VIP->client, the reverse of the client's flow.
        Assert.Equal(new FlowKey(s_vip4, s_client4, 443, 40000, IpProtocol.Tcp), parsed.EmbeddedFlow);

        Assert.True(IcmpHeader.TryParse(reply[20..], out IcmpHeader icmp));
        Assert.True(icmp.HasValidChecksum);
        Assert.Equal(0, PacketBuilder.ReferenceChecksum(reply[20..], 0));
        Assert.Equal(1480u, icmp.RestOfHeader);
        Assert.Equal(offending.AsSpan(0, quoted).ToArray(), icmp.Payload.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(1500)]
    public void WritePacketTooBig_Ipv6Packet_ReplyWithPseudoHeaderChecksum(int payloadLength)
    {
        byte[] offending = PacketBuilder.V6().Udp(50000, 443, new byte[payloadLength]).Build();
        byte[] buffer = EncapsulationTests.Place(offending, out int packetOffset);

        int length = IcmpErrorBuilder.WritePacketTooBig(buffer, packetOffset, offending.Length, s_vip6, 1452, out int replyOffset);

        int quoted = Math.Min(offending.Length, 1232);
        Assert.Equal(48 + quoted, length);
        Assert.Equal(packetOffset - 48, replyOffset);
        Assert.True(length <= 1280);
        ReadOnlySpan<byte> reply = buffer.AsSpan(replyOffset, length);

        Assert.True(Ipv6Header.TryParse(reply, out Ipv6Header ip));
        Assert.Equal(s_vip6, ip.Source);
        Assert.Equal(s_client6, ip.Destination);
        Assert.Equal(IpProtocol.Icmpv6, ip.NextHeader);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal(length - 40, ip.PayloadLength);

        Assert.True(Icmpv6Header.TryParse(reply[40..], out Icmpv6Header icmp));
        Assert.Equal(Icmpv6Header.TypePacketTooBig, icmp.Type);
        Assert.Equal(0, icmp.Code);
        Assert.Equal(1452u, icmp.RestOfHeader);
        Assert.True(icmp.HasValidChecksum(s_vip6, s_client6));
        uint pseudo = PacketBuilder.WordSum(EncapsulationTests.PseudoV6(s_vip6, s_client6, length - 40, 58));
        Assert.Equal(0, PacketBuilder.ReferenceChecksum(reply[40..], pseudo));
        Assert.Equal(offending.AsSpan(0, quoted).ToArray(), icmp.Payload.ToArray());

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(reply, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_vip6, s_client6, 443, 50000, IpProtocol.Udp), parsed.EmbeddedFlow);
    }

    [Fact]
    public void WriteFragmentationNeeded_HeadroomTooSmall_MinusOne()
    {
        byte[] offending = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] buffer = new byte[27 + offending.Length];
        offending.CopyTo(buffer, 27);

        Assert.Equal(-1, IcmpErrorBuilder.WriteFragmentationNeeded(buffer, 27, offending.Length, s_vip4, 1400, out int replyOffset));
        Assert.Equal(-1, replyOffset);
    }

    [Fact]
    public void WriteFragmentationNeeded_WrongFamilies_MinusOne()
    {
        byte[] v4 = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] v6 = PacketBuilder.V6().Udp(1, 2).Build();
        byte[] buffer4 = EncapsulationTests.Place(v4, out int offset4);
        byte[] buffer6 = EncapsulationTests.Place(v6, out int offset6);

        Assert.Equal(-1, IcmpErrorBuilder.WriteFragmentationNeeded(buffer4, offset4, v4.Length, s_vip6, 1400, out _));
        Assert.Equal(-1, IcmpErrorBuilder.WriteFragmentationNeeded(buffer6, offset6, v6.Length, s_vip4, 1400, out _));
        Assert.Equal(-1, IcmpErrorBuilder.WritePacketTooBig(buffer6, offset6, v6.Length, s_vip4, 1400, out _));
        Assert.Equal(-1, IcmpErrorBuilder.WritePacketTooBig(buffer4, offset4, v4.Length, s_vip6, 1400, out _));
    }

    [Fact]
    public void WritePacketTooBig_PacketBeyondBuffer_MinusOne()
    {
        byte[] v6 = PacketBuilder.V6().Udp(1, 2).Build();
        byte[] buffer = EncapsulationTests.Place(v6, out int offset);

        Assert.Equal(-1, IcmpErrorBuilder.WritePacketTooBig(buffer, offset, buffer.Length, s_vip6, 1400, out _));
        Assert.Equal(-1, IcmpErrorBuilder.WritePacketTooBig(buffer, offset, 39, s_vip6, 1400, out _));
    }

    [Fact]
    public void MayReplyTo_OrdinaryTcp_True()
    {
        PacketParser.Parse(PacketBuilder.V4().Tcp(1, 2).Build(), out ParsedPacket v4);
        PacketParser.Parse(PacketBuilder.V6().Tcp(1, 2).Build(), out ParsedPacket v6);

        Assert.True(IcmpErrorBuilder.MayReplyTo(v4));
        Assert.True(IcmpErrorBuilder.MayReplyTo(v6));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("239.1.2.3")]
    public void MayReplyTo_NonUnicastIpv4Source_False(string source)
    {
        PacketParser.Parse(PacketBuilder.V4(source).Udp(1, 2).Build(), out ParsedPacket parsed);

        Assert.False(IcmpErrorBuilder.MayReplyTo(parsed));
    }

    [Theory]
    [InlineData("::")]
    [InlineData("ff02::1")]
    public void MayReplyTo_NonUnicastIpv6Source_False(string source)
    {
        PacketParser.Parse(PacketBuilder.V6(source).Udp(1, 2).Build(), out ParsedPacket parsed);

        Assert.False(IcmpErrorBuilder.MayReplyTo(parsed));
    }

    [Fact]
    public void MayReplyTo_IcmpErrorsAndLaterFragments_False()
    {
        byte[] quoted = PacketBuilder.V4("203.0.113.10", "198.51.100.7").Udp(1, 2).Build();
        PacketParser.Parse(PacketBuilder.V4().Icmp(3, 4, 1400, quoted).Build(), out ParsedPacket error4);
        PacketParser.Parse(PacketBuilder.V4().Icmp(5, 1, 0, quoted).Build(), out ParsedPacket redirect);
        PacketParser.Parse(PacketBuilder.V6().Icmp(2, 0, 1280, PacketBuilder.V6().Udp(1, 2).Build()).Build(), out ParsedPacket error6);
        PacketParser.Parse(PacketBuilder.V4().DontFragment(false).Fragment(3, false).Raw(IpProtocol.Udp, new byte[8]).Build(), out ParsedPacket later);
        PacketParser.Parse(PacketBuilder.V4().Icmp(8, 0, 0, [1]).Build(), out ParsedPacket echo);

        Assert.False(IcmpErrorBuilder.MayReplyTo(error4));
        Assert.False(IcmpErrorBuilder.MayReplyTo(redirect));
        Assert.False(IcmpErrorBuilder.MayReplyTo(error6));
        Assert.False(IcmpErrorBuilder.MayReplyTo(later));
        Assert.True(IcmpErrorBuilder.MayReplyTo(echo));
    }

    [Fact]
    public void Headroom_CoversLargestHeaders()
    {
        Assert.True(PacketLayout.Headroom >= PacketLayout.MaxTunnelOverhead);
        Assert.True(PacketLayout.Headroom >= PacketLayout.MaxIcmpErrorHeader);
        Assert.Equal(52, PacketLayout.MaxTunnelOverhead);
        Assert.Equal(48, PacketLayout.MaxIcmpErrorHeader);
    }
}
