using System.Buffers.Binary;

namespace Longhaul.Packets.Tests;

public sealed class PacketParserTests
{
    private static readonly NetAddress s_client4 = NetAddress.Parse("198.51.100.7");
    private static readonly NetAddress s_vip4 = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_client6 = NetAddress.Parse("2001:db8:1::7");
    private static readonly NetAddress s_vip6 = NetAddress.Parse("2001:db8:ffff::10");

    [Fact]
    public void Parse_Ipv4Tcp_FillsEveryField()
    {
        byte[] packet = PacketBuilder.V4().TrafficClass(0xB9).Ttl(57).Identification(0xBEEF)
            .Tcp(40000, 443, TcpFlagBits.Syn | TcpFlagBits.Ece, payload: [1, 2, 3]).Build();

        ParseStatus status = PacketParser.Parse(packet, out ParsedPacket parsed);

        Assert.Equal(ParseStatus.Ok, status);
        Assert.False(parsed.IsIPv6);
        Assert.Equal(20, parsed.NetworkHeaderLength);
        Assert.Equal(20, parsed.TransportOffset);
        Assert.Equal(IpProtocol.Tcp, parsed.Protocol);
        Assert.Equal(packet.Length, parsed.TotalLength);
        Assert.Equal(new FlowKey(s_client4, s_vip4, 40000, 443, IpProtocol.Tcp), parsed.Flow);
        Assert.Equal(FragmentKind.None, parsed.Fragment);
        Assert.Equal(0xBEEFu, parsed.FragmentId);
        Assert.Equal(TcpFlagBits.Syn | TcpFlagBits.Ece, parsed.TcpFlags);
        Assert.Equal(0xB9, parsed.TrafficClass);
        Assert.True(parsed.DontFragment);
        Assert.Equal(57, parsed.Ttl);
        Assert.False(parsed.IsIcmpError);
    }

    [Fact]
    public void Parse_Ipv4WithOptionsAndTcpOptions_FindsTransportAfterOptions()
    {
        byte[] packet = PacketBuilder.V4().Ipv4Options([0x94, 0x04, 0x00, 0x00, 0x01]) // router alert + NOP, padded to 8
            .Tcp(1234, 80, TcpFlagBits.Ack, options: [2, 4, 0x05, 0xB4, 1, 1, 4, 2]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(28, parsed.NetworkHeaderLength);
        Assert.Equal(28, parsed.TransportOffset);
        Assert.Equal((ushort)1234, parsed.Flow.SourcePort);
        Assert.Equal((ushort)80, parsed.Flow.DestinationPort);
        Assert.Equal(TcpFlagBits.Ack, parsed.TcpFlags);
    }

    [Fact]
    public void Parse_Ipv4Udp_PortsAndNoTcpFlags()
    {
        byte[] packet = PacketBuilder.V4().DontFragment(false).Udp(5353, 53, [9, 9]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_client4, s_vip4, 5353, 53, IpProtocol.Udp), parsed.Flow);
        Assert.Equal(0, parsed.TcpFlags);
        Assert.False(parsed.DontFragment);
    }

    [Fact]
    public void Parse_TrailingBytesBeyondTotalLength_AreIgnored()
    {
        byte[] packet = PacketBuilder.V4().Udp(1, 2).Trailing(18).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(28, parsed.TotalLength);
    }

    [Fact]
    public void Parse_Ipv4FirstFragment_KeepsPorts()
    {
        byte[] packet = PacketBuilder.V4().DontFragment(false).Identification(77).Fragment(0, more: true).Udp(1000, 2000, new byte[40]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(FragmentKind.First, parsed.Fragment);
        Assert.Equal(77u, parsed.FragmentId);
        Assert.Equal((ushort)1000, parsed.Flow.SourcePort);
    }

    [Fact]
    public void Parse_Ipv4LaterFragment_PortsZeroAndProtocolKept()
    {
        byte[] packet = PacketBuilder.V4().DontFragment(false).Fragment(185, more: false).Raw(IpProtocol.Udp, [0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(FragmentKind.Later, parsed.Fragment);
        Assert.Equal(new FlowKey(s_client4, s_vip4, 0, 0, IpProtocol.Udp), parsed.Flow);
    }

    [Fact]
    public void Parse_OtherProtocol_PortsZero()
    {
        byte[] packet = PacketBuilder.V4().Raw(IpProtocol.Esp, new byte[16]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(new FlowKey(s_client4, s_vip4, 0, 0, IpProtocol.Esp), parsed.Flow);
    }

    [Fact]
    public void Parse_Ipv6Tcp_FillsEveryField()
    {
        byte[] packet = PacketBuilder.V6().TrafficClass(0x2E).FlowLabel(0xABCDE).Ttl(33).Tcp(50000, 443, TcpFlagBits.Syn).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.True(parsed.IsIPv6);
        Assert.Equal(40, parsed.NetworkHeaderLength);
        Assert.Equal(40, parsed.TransportOffset);
        Assert.Equal(IpProtocol.Tcp, parsed.Protocol);
        Assert.Equal(packet.Length, parsed.TotalLength);
        Assert.Equal(new FlowKey(s_client6, s_vip6, 50000, 443, IpProtocol.Tcp), parsed.Flow);
        Assert.Equal(FragmentKind.None, parsed.Fragment);
        Assert.Equal(0u, parsed.FragmentId);
        Assert.Equal(TcpFlagBits.Syn, parsed.TcpFlags);
        Assert.Equal(0x2E, parsed.TrafficClass);
        Assert.True(parsed.DontFragment);
        Assert.Equal(33, parsed.Ttl);
    }

    [Fact]
    public void Parse_Ipv6ExtensionChain_WalksToTransport()
    {
        byte[] packet = PacketBuilder.V6()
            .Extension(IpProtocol.HopByHop, 8)
            .Extension(IpProtocol.Ipv6Routing, 24)
            .Extension(IpProtocol.Ipv6DestinationOptions, 16)
            .Extension(IpProtocol.Ah, 24)
            .Udp(4500, 4500, [1, 2, 3]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(40 + 8 + 24 + 16 + 24, parsed.NetworkHeaderLength);
        Assert.Equal(parsed.NetworkHeaderLength, parsed.TransportOffset);
        Assert.Equal(IpProtocol.Udp, parsed.Protocol);
        Assert.Equal(new FlowKey(s_client6, s_vip6, 4500, 4500, IpProtocol.Udp), parsed.Flow);
    }

    [Fact]
    public void Parse_Ipv6FirstFragment_PortsAndId()
    {
        byte[] packet = PacketBuilder.V6().Extension(IpProtocol.HopByHop).Fragment(0, more: true, identification: 0xDEADBEEF).Tcp(1, 2).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(FragmentKind.First, parsed.Fragment);
        Assert.Equal(0xDEADBEEFu, parsed.FragmentId);
        Assert.Equal(40 + 8 + 8, parsed.TransportOffset);
        Assert.Equal((ushort)1, parsed.Flow.SourcePort);
    }

    [Fact]
    public void Parse_Ipv6LaterFragment_PortsZero()
    {
        byte[] packet = PacketBuilder.V6().Fragment(100, more: true, identification: 5).Raw(IpProtocol.Tcp, new byte[32]).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(FragmentKind.Later, parsed.Fragment);
        Assert.Equal(5u, parsed.FragmentId);
        Assert.Equal(IpProtocol.Tcp, parsed.Protocol);
        Assert.Equal(new FlowKey(s_client6, s_vip6, 0, 0, IpProtocol.Tcp), parsed.Flow);
    }

    [Fact]
    public void Parse_Ipv6AtomicFragment_IsNotAFragment()
    {
        byte[] packet = PacketBuilder.V6().Fragment(0, more: false).Udp(7, 8).Build();

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(packet, out ParsedPacket parsed));
        Assert.Equal(FragmentKind.None, parsed.Fragment);
        Assert.Equal((ushort)7, parsed.Flow.SourcePort);
    }

    [Fact]
    public void Parse_Ipv6HopByHopNotFirst_Unsupported()
    {
        byte[] packet = PacketBuilder.V6().Extension(IpProtocol.Ipv6DestinationOptions).Extension(IpProtocol.HopByHop).Tcp(1, 2).Build();

        Assert.Equal(ParseStatus.UnsupportedExtension, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv6TooManyExtensions_Unsupported()
    {
        PacketBuilder builder = PacketBuilder.V6();
        for (int i = 0; i < Ipv6ExtensionWalker.MaxHeaders + 1; i++)
        {
            builder.Extension(IpProtocol.Ipv6DestinationOptions);
        }

        Assert.Equal(ParseStatus.UnsupportedExtension, PacketParser.Parse(builder.Tcp(1, 2).Build(), out _));
    }

    [Fact]
    public void Parse_Ipv6MaxExtensions_Ok()
    {
        PacketBuilder builder = PacketBuilder.V6();
        for (int i = 0; i < Ipv6ExtensionWalker.MaxHeaders; i++)
        {
            builder.Extension(IpProtocol.Ipv6DestinationOptions);
        }

        Assert.Equal(ParseStatus.Ok, PacketParser.Parse(builder.Tcp(1, 2).Build(), out _));
    }

    [Fact]
    public void Parse_Ipv6MobilityHeader_Unsupported()
    {
        byte[] packet = PacketBuilder.V6().Raw((IpProtocol)135, new byte[8]).Build();

        Assert.Equal(ParseStatus.UnsupportedExtension, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Empty_Truncated() => Assert.Equal(ParseStatus.Truncated, PacketParser.Parse([], out _));

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x50)]
    [InlineData(0xF5)]
    public void Parse_UnknownVersion_BadVersion(byte first)
    {
        byte[] packet = new byte[40];
        packet[0] = first;

        Assert.Equal(ParseStatus.BadVersion, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv4ShortHeader_Truncated() =>
        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(PacketBuilder.V4().Tcp(1, 2).Build().AsSpan(0, 19), out _));

    [Fact]
    public void Parse_Ipv4IhlBelowFive_BadHeaderLength()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        packet[0] = 0x44;

        Assert.Equal(ParseStatus.BadHeaderLength, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv4IhlBeyondBuffer_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build().AsSpan(0, 24).ToArray();
        packet[0] = 0x47;

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv4TotalLengthBelowHeader_BadTotalLength()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        SetV4TotalLength(packet, 19);

        Assert.Equal(ParseStatus.BadTotalLength, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv4TotalLengthBeyondBuffer_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        SetV4TotalLength(packet, (ushort)(packet.Length + 1));

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv4BadChecksum_BadChecksum()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        packet[8] ^= 1;

        Assert.Equal(ParseStatus.BadChecksum, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_TcpDataOffsetBelowFive_BadTransportHeader()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        packet[20 + 12] = 0x40;

        Assert.Equal(ParseStatus.BadTransportHeader, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_TcpOptionsBeyondPacket_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Tcp(1, 2).Build();
        packet[20 + 12] = 0x60;

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_TcpShorterThanHeader_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Raw(IpProtocol.Tcp, new byte[19]).Build();

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_UdpShorterThanHeader_Truncated()
    {
        byte[] packet = PacketBuilder.V6().Raw(IpProtocol.Udp, new byte[7]).Build();

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv6PayloadLengthBeyondBuffer_Truncated()
    {
        byte[] packet = PacketBuilder.V6().Udp(1, 2).Build();
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(packet.Length - 39));

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    [Fact]
    public void Parse_Ipv6ExtensionBeyondPayload_Truncated()
    {
        byte[] packet = PacketBuilder.V6().Extension(IpProtocol.Ipv6Routing, 64).Udp(1, 2).Build();
        packet[41] = 200;

        Assert.Equal(ParseStatus.Truncated, PacketParser.Parse(packet, out _));
    }

    private static void SetV4TotalLength(byte[] packet, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), value);
        Ipv4HeaderWriter.UpdateChecksum(packet);
    }
}
