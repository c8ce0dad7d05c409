namespace Longhaul.Packets.Tests;

public sealed class HeaderViewTests
{
    [Fact]
    public void Ipv4HeaderTryParse_WithOptions_ExposesEveryField()
    {
        byte[] packet = PacketBuilder.V4().TrafficClass(0xB9).Identification(0x0102).Ttl(3).DontFragment(false)
            .Fragment(0, more: true).Ipv4Options([1, 1, 1, 0]).Udp(1, 2).Build();

        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.Equal(24, header.HeaderLength);
        Assert.Equal(0xB9, header.TypeOfService);
        Assert.Equal(0xB9 >> 2, header.Dscp);
        Assert.Equal(1, header.Ecn);
        Assert.Equal(packet.Length, header.TotalLength);
        Assert.Equal(0x0102, header.Identification);
        Assert.False(header.DontFragment);
        Assert.True(header.MoreFragments);
        Assert.True(header.IsFragment);
        Assert.Equal(0, header.FragmentOffset);
        Assert.Equal(3, header.Ttl);
        Assert.Equal(IpProtocol.Udp, header.Protocol);
        Assert.Equal(NetAddress.Parse("198.51.100.7"), header.Source);
        Assert.Equal(NetAddress.Parse("203.0.113.10"), header.Destination);
        Assert.Equal([1, 1, 1, 0], header.Options.ToArray());
        Assert.True(header.HasValidChecksum);
        Assert.Equal(0, PacketBuilder.ReferenceChecksum(packet.AsSpan(0, 24), 0));
    }

    [Fact]
    public void Ipv4HeaderHasValidChecksum_Corrupted_False()
    {
        byte[] packet = PacketBuilder.V4().Udp(1, 2).Build();
        packet[15] ^= 0x80;

        Assert.True(Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.False(header.HasValidChecksum);
    }

    [Theory]
    [InlineData(19, 0x45)]
    [InlineData(40, 0x65)]
    [InlineData(40, 0x44)]
    [InlineData(23, 0x46)]
    public void Ipv4HeaderTryParse_Invalid_False(int length, byte first)
    {
        byte[] bytes = new byte[length];
        if (length > 0)
        {
            bytes[0] = first;
        }

        Assert.False(Ipv4Header.TryParse(bytes, out _));
    }

    [Fact]
    public void Ipv4HeaderWriter_Write_ProducesParsableHeader()
    {
        byte[] header = new byte[20];
        Ipv4HeaderWriter.Write(header, 0x10, 1500, 7, true, 99, IpProtocol.Tcp, 0xC0000201, 0x64400314);

        Assert.True(Ipv4Header.TryParse(header, out Ipv4Header view));
        Assert.True(view.HasValidChecksum);
        Assert.Equal(0, PacketBuilder.ReferenceChecksum(header, 0));
        Assert.Equal(1500, view.TotalLength);
        Assert.Equal(NetAddress.Parse("192.0.2.1"), view.Source);
        Assert.Equal(NetAddress.Parse("100.64.3.20"), view.Destination);
        Assert.True(view.DontFragment);
        Assert.Equal(99, view.Ttl);
    }

    [Fact]
    public void Ipv6HeaderTryParse_ExposesEveryField()
    {
        byte[] packet = PacketBuilder.V6().TrafficClass(0xA5).FlowLabel(0x12345).Ttl(200).Udp(1, 2, [1, 2, 3]).Build();

        Assert.True(Ipv6Header.TryParse(packet, out Ipv6Header header));
        Assert.Equal(0xA5, header.TrafficClass);
        Assert.Equal(0x12345u, header.FlowLabel);
        Assert.Equal(11, header.PayloadLength);
        Assert.Equal(IpProtocol.Udp, header.NextHeader);
        Assert.Equal(200, header.HopLimit);
        Assert.Equal(NetAddress.Parse("2001:db8:1::7"), header.Source);
        Assert.Equal(NetAddress.Parse("2001:db8:ffff::10"), header.Destination);
    }

    [Fact]
    public void Ipv6HeaderWriter_Write_RoundTripsThroughView()
    {
        byte[] header = new byte[40];
        var source = NetAddress.Parse("2001:db8::1");
        var destination = NetAddress.Parse("2001:db8::2");
        Ipv6HeaderWriter.Write(header, 0xFF, 0xFFFFFFFF, 1234, IpProtocol.Tcp, 1, source, destination);

        Assert.True(Ipv6Header.TryParse(header, out Ipv6Header view));
        Assert.Equal(0xFF, view.TrafficClass);
        Assert.Equal(0xFFFFFu, view.FlowLabel);
        Assert.Equal(1234, view.PayloadLength);
        Assert.Equal(source, view.Source);
        Assert.Equal(destination, view.Destination);
        Assert.Equal(0x6F, header[0]);
    }

    [Theory]
    [InlineData(39, 0x60)]
    [InlineData(40, 0x40)]
    public void Ipv6HeaderTryParse_Invalid_False(int length, byte first)
    {
        byte[] bytes = new byte[length];
        bytes[0] = first;

        Assert.False(Ipv6Header.TryParse(bytes, out _));
    }

    [Fact]
    public void TcpHeaderTryParse_WithOptions_ExposesEveryField()
    {
        byte[] packet = PacketBuilder.V4().Tcp(40000, 443, TcpFlagBits.Syn | TcpFlagBits.Ack, options: [2, 4, 5, 0xB4]).Build();

        Assert.True(TcpHeader.TryParse(packet.AsSpan(20), out TcpHeader tcp));
        Assert.Equal(40000, tcp.SourcePort);
        Assert.Equal(443, tcp.DestinationPort);
        Assert.Equal(0x01020304u, tcp.SequenceNumber);
        Assert.Equal(0x0A0B0C0Du, tcp.AcknowledgmentNumber);
        Assert.Equal(6, tcp.DataOffset);
        Assert.Equal(24, tcp.HeaderLength);
        Assert.Equal(TcpFlagBits.Syn | TcpFlagBits.Ack, tcp.Flags);
        Assert.True(tcp.IsSyn);
        Assert.True(tcp.IsAck);
        Assert.False(tcp.IsFin);
        Assert.False(tcp.IsRst);
        Assert.Equal(65535, tcp.WindowSize);
        Assert.NotEqual(0, tcp.Checksum);
        Assert.Equal(0, tcp.UrgentPointer);
        Assert.Equal([2, 4, 5, 0xB4], tcp.Options.ToArray());
    }

    [Theory]
    [InlineData(19, 0x50)]
    [InlineData(20, 0x40)]
    [InlineData(20, 0x60)]
    public void TcpHeaderTryParse_Invalid_False(int length, byte dataOffsetByte)
    {
        byte[] bytes = new byte[length];
        if (length > 12)
        {
            bytes[12] = dataOffsetByte;
        }

        Assert.False(TcpHeader.TryParse(bytes, out _));
    }

    [Fact]
    public void UdpHeaderTryParse_ExposesFieldsAndPayload()
    {
        byte[] packet = PacketBuilder.V4().Udp(53, 5353, [7, 8, 9]).Build();

        Assert.True(UdpHeader.TryParse(packet.AsSpan(20), out UdpHeader udp));
        Assert.Equal(53, udp.SourcePort);
        Assert.Equal(5353, udp.DestinationPort);
        Assert.Equal(11, udp.DatagramLength);
        Assert.NotEqual(0, udp.Checksum);
        Assert.Equal([7, 8, 9], udp.Payload.ToArray());
        Assert.False(UdpHeader.TryParse(new byte[7], out _));
    }

    [Fact]
    public void IcmpHeaderTryParse_ExposesFields()
    {
        byte[] packet = PacketBuilder.V4().Icmp(3, 4, 0x000005C8, [0x45, 0]).Build();

        Assert.True(IcmpHeader.TryParse(packet.AsSpan(20), out IcmpHeader icmp));
        Assert.Equal(3, icmp.Type);
        Assert.Equal(4, icmp.Code);
        Assert.Equal(0x5C8u, icmp.RestOfHeader);
        Assert.Equal([0x45, 0], icmp.Payload.ToArray());
        Assert.True(icmp.IsError);
        Assert.True(icmp.HasValidChecksum);
        Assert.False(IcmpHeader.TryParse(new byte[7], out _));
    }

    [Fact]
    public void Icmpv6HeaderTryParse_ExposesFields()
    {
        byte[] packet = PacketBuilder.V6().Icmp(128, 0, 0x00010002, [1]).Build();

        Assert.True(Icmpv6Header.TryParse(packet.AsSpan(40), out Icmpv6Header icmp));
        Assert.Equal(128, icmp.Type);
        Assert.Equal(0, icmp.Code);
        Assert.Equal(0x00010002u, icmp.RestOfHeader);
        Assert.False(icmp.IsError);
        Assert.True(icmp.HasValidChecksum(NetAddress.Parse("2001:db8:1::7"), NetAddress.Parse("2001:db8:ffff::10")));
        Assert.False(icmp.HasValidChecksum(NetAddress.Parse("2001:db8:1::8"), NetAddress.Parse("2001:db8:ffff::10")));
        Assert.False(Icmpv6Header.TryParse(new byte[7], out _));
    }
}
