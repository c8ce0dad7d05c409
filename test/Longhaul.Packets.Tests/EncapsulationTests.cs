using System.Buffers.Binary;

namespace Longhaul.Packets.Tests;

public sealed class EncapsulationTests
{
    private static readonly NetAddress s_director4 = NetAddress.Parse("192.0.2.1");
    private static readonly NetAddress s_real4 = NetAddress.Parse("100.64.3.20");
    private static readonly NetAddress s_director6 = NetAddress.Parse("2001:db8:d::1");
    private static readonly NetAddress s_real6 = NetAddress.Parse("2001:db8:e::20");

    [Fact]
    public void Encapsulate_Ipip4in4_WritesOuterHeaderInFront()
    {
        byte[] inner = PacketBuilder.V4().TrafficClass(0x2A).Identification(0x4242).Tcp(40000, 443).Build();
        byte[] buffer = Place(inner, out int innerOffset);
        var parameters = new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, parameters);

        Assert.Equal(innerOffset - 20, start);
        Assert.True(Ipv4Header.TryParse(buffer.AsSpan(start), out Ipv4Header outer));
        Assert.True(outer.HasValidChecksum);
        Assert.Equal(IpProtocol.IpInIp, outer.Protocol);
        Assert.Equal(s_director4, outer.Source);
        Assert.Equal(s_real4, outer.Destination);
        Assert.Equal(20 + inner.Length, outer.TotalLength);
        Assert.Equal(0x2A, outer.TypeOfService);
        Assert.True(outer.DontFragment);
        Assert.False(outer.IsFragment);
        Assert.Equal(64, outer.Ttl);
        Assert.Equal(0x4242, outer.Identification);
        Assert.Equal(inner, buffer.AsSpan(innerOffset, inner.Length).ToArray());
    }

    [Fact]
    public void Encapsulate_InnerWithoutDf_OuterWithoutDf()
    {
        byte[] inner = PacketBuilder.V4().DontFragment(false).Udp(1, 2).Build();
        byte[] buffer = Place(inner, out int innerOffset);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4, ttl: 9));

        Assert.True(Ipv4Header.TryParse(buffer.AsSpan(start), out Ipv4Header outer));
        Assert.False(outer.DontFragment);
        Assert.Equal(9, outer.Ttl);
    }

    [Fact]
    public void Encapsulate_Ipv6InnerOverIpv4_Protocol41AndDfSet()
    {
        byte[] inner = PacketBuilder.V6().TrafficClass(0xB8).Tcp(1, 443).Build();
        byte[] buffer = Place(inner, out int innerOffset);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4));

        Assert.True(Ipv4Header.TryParse(buffer.AsSpan(start), out Ipv4Header outer));
        Assert.Equal(IpProtocol.Ipv6, outer.Protocol);
        Assert.True(outer.DontFragment);
        Assert.Equal(0xB8, outer.TypeOfService);
    }

    [Fact]
    public void Encapsulate_Ipip4in6_NextHeader4AndTrafficClassCopied()
    {
        byte[] inner = PacketBuilder.V4().TrafficClass(0x61).Udp(1, 2).Build();
        byte[] buffer = Place(inner, out int innerOffset);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director6, s_real6));

        Assert.Equal(innerOffset - 40, start);
        Assert.True(Ipv6Header.TryParse(buffer.AsSpan(start), out Ipv6Header outer));
        Assert.Equal(IpProtocol.IpInIp, outer.NextHeader);
        Assert.Equal(inner.Length, outer.PayloadLength);
        Assert.Equal(0x61, outer.TrafficClass);
        Assert.Equal(64, outer.HopLimit);
        Assert.Equal(s_director6, outer.Source);
        Assert.Equal(s_real6, outer.Destination);
    }

    [Fact]
    public void Encapsulate_GueV0OverIpv4_UdpAndGueHeaders()
    {
        byte[] inner = PacketBuilder.V4().Tcp(40000, 443).Build();
        byte[] buffer = Place(inner, out int innerOffset);
        var parameters = new TunnelParameters(TunnelKind.Gue, s_director4, s_real4, sourcePort: 0x1234);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, parameters);

        Assert.Equal(innerOffset - 32, start);
        Assert.True(Ipv4Header.TryParse(buffer.AsSpan(start), out Ipv4Header outer));
        Assert.Equal(IpProtocol.Udp, outer.Protocol);
        Assert.True(outer.HasValidChecksum);
        Assert.True(UdpHeader.TryParse(buffer.AsSpan(start + 20), out UdpHeader udp));
        Assert.Equal(0xC000 | 0x1234, udp.SourcePort);
        Assert.Equal(6080, udp.DestinationPort);
        Assert.Equal(12 + inner.Length, udp.DatagramLength);
        Assert.Equal(0, udp.Checksum);
        Assert.Equal([0x00, 0x04, 0x00, 0x00], buffer.AsSpan(start + 28, 4).ToArray());
    }

    [Fact]
    public void Encapsulate_GueV1OverIpv6_ChecksumVerifiesAndNoGueHeader()
    {
        byte[] inner = PacketBuilder.V6().Udp(1, 2, new byte[333]).Build();
        byte[] buffer = Place(inner, out int innerOffset);
        var parameters = new TunnelParameters(TunnelKind.Gue, s_director6, s_real6, GueVariant.V1, guePort: 7777, sourcePort: 0);

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, parameters);

        Assert.Equal(innerOffset - 48, start);
        Assert.True(Ipv6Header.TryParse(buffer.AsSpan(start), out Ipv6Header outer));
        Assert.Equal(IpProtocol.Udp, outer.NextHeader);
        Assert.Equal(8 + inner.Length, outer.PayloadLength);
        ReadOnlySpan<byte> datagram = buffer.AsSpan(start + 40, 8 + inner.Length);
        Assert.True(UdpHeader.TryParse(datagram, out UdpHeader udp));
        Assert.Equal(0xC000, udp.SourcePort);
        Assert.Equal(7777, udp.DestinationPort);
        Assert.NotEqual(0, udp.Checksum);
        uint pseudo = PacketBuilder.WordSum(PseudoV6(s_director6, s_real6, datagram.Length));
        Assert.Equal(0, PacketBuilder.ReferenceChecksum(datagram, pseudo));
    }

    [Fact]
    public void Encapsulate_DefaultTunnelParametersZeroTtlAndPort_UseDefaults()
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] buffer = Place(inner, out int innerOffset);
        var parameters = new TunnelParameters { Kind = TunnelKind.Gue, OuterSource = s_director4, OuterDestination = s_real4 };

        int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, parameters);

        Assert.Equal(64, buffer[start + 8]);
        Assert.Equal(6080, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(start + 22)));
    }

    [Fact]
    public void Encapsulate_InsufficientHeadroom_MinusOneAndBufferUntouched()
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] buffer = new byte[31 + inner.Length];
        inner.CopyTo(buffer, 31);
        byte[] before = (byte[])buffer.Clone();

        int start = Encapsulation.Encapsulate(buffer, 31, inner.Length, new TunnelParameters(TunnelKind.Gue, s_director4, s_real4));

        Assert.Equal(-1, start);
        Assert.Equal(before, buffer);
    }

    [Fact]
    public void Encapsulate_MixedOuterFamilies_MinusOne()
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] buffer = Place(inner, out int innerOffset);

        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real6)));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x50)]
    public void Encapsulate_InnerNotIp_MinusOne(byte first)
    {
        byte[] inner = new byte[60];
        inner[0] = first;
        byte[] buffer = Place(inner, out int innerOffset);

        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4)));
    }

    [Fact]
    public void Encapsulate_UnknownKindOrVariant_MinusOne()
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] buffer = Place(inner, out int innerOffset);

        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters((TunnelKind)9, s_director4, s_real4)));
        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Gue, s_director4, s_real4, (GueVariant)2)));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(200, 10)]
    [InlineData(100, 200)]
    [InlineData(100, 0)]
    public void Encapsulate_RangeOutsideBuffer_MinusOne(int offset, int length)
    {
        byte[] buffer = new byte[256];
        buffer[100] = 0x45;

        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, offset, length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4)));
    }

    [Fact]
    public void Encapsulate_OuterWouldExceed64K_MinusOne()
    {
        byte[] buffer = new byte[PacketLayout.Headroom + 65530];
        buffer[PacketLayout.Headroom] = 0x45;

        Assert.Equal(-1, Encapsulation.Encapsulate(buffer, PacketLayout.Headroom, 65530, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4)));
    }

    [Theory]
    [InlineData(TunnelKind.Ipip, GueVariant.V0, false, 20)]
    [InlineData(TunnelKind.Ipip, GueVariant.V0, true, 40)]
    [InlineData(TunnelKind.Gue, GueVariant.V0, false, 32)]
    [InlineData(TunnelKind.Gue, GueVariant.V0, true, 52)]
    [InlineData(TunnelKind.Gue, GueVariant.V1, false, 28)]
    [InlineData(TunnelKind.Gue, GueVariant.V1, true, 48)]
    public void TunnelOverheadFor_EachCombination_HeaderBytes(TunnelKind kind, GueVariant variant, bool outerIsV6, int expected)
    {
        Assert.Equal(expected, TunnelOverhead.For(kind, variant, outerIsV6, innerIsV6: false));
        Assert.Equal(expected, TunnelOverhead.For(kind, variant, outerIsV6, innerIsV6: true));
        Assert.True(expected <= PacketLayout.MaxTunnelOverhead);
    }

    [Fact]
    public void TunnelOverheadFor_UnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TunnelOverhead.For((TunnelKind)7, GueVariant.V0, false, false));

    [Theory]
    [InlineData(1500, 20, 1480)]
    [InlineData(1500, 28, 1472)]
    [InlineData(9000, 52, 8948)]
    [InlineData(10, 20, 0)]
    public void TunnelMtuMaxInnerPacket_SubtractsOverhead(int mtu, int overhead, int expected) =>
        Assert.Equal(expected, TunnelMtu.MaxInnerPacket(mtu, overhead));

    [Fact]
    public void EntropyPort_AnyHash_InEphemeralRange()
    {
        foreach (uint hash in new uint[] { 0, 1, 0x3FFF, 0x4000, 0xFFFF_FFFF, 0x1234_5678 })
        {
            ushort port = TunnelParameters.EntropyPort(hash);
            Assert.InRange(port, (ushort)49152, (ushort)65535);
            Assert.Equal(hash & 0x3FFF, port & 0x3FFFu);
        }
    }

    internal static byte[] Place(byte[] inner, out int innerOffset)
    {
        innerOffset = PacketLayout.Headroom;
        byte[] buffer = new byte[PacketLayout.Headroom + inner.Length + 16];
        Array.Fill(buffer, (byte)0xAA);
        inner.CopyTo(buffer, innerOffset);
        return buffer;
    }

    internal static byte[] PseudoV6(NetAddress source, NetAddress destination, int length, byte protocol = 17)
    {
        byte[] pseudo = new byte[40];
        source.WriteV6(pseudo);
        destination.WriteV6(pseudo.AsSpan(16));
        BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), (uint)length);
        pseudo[39] = protocol;
        return pseudo;
    }
}
