using System.Buffers.Binary;
using System.Text;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.RealServer.Tests;

public sealed class DecapsulationFilterTests
{
    internal static readonly NetAddress Director = NetAddress.Parse("192.0.2.2");
    internal static readonly NetAddress Director6 = NetAddress.Parse("2001:db8:d::2");
    internal static readonly NetAddress Stranger = NetAddress.Parse("198.51.100.66");
    internal static readonly NetAddress Real = NetAddress.Parse("100.64.1.2");
    internal static readonly NetAddress Real6 = NetAddress.Parse("2001:db8:1::2");
    internal static readonly NetAddress Client = NetAddress.Parse("198.51.100.10");
    internal static readonly NetAddress Client6 = NetAddress.Parse("2001:db8:c::10");
    internal static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    internal static readonly NetAddress Vip6 = NetAddress.Parse("2001:db8:f::10");
    internal static readonly NetAddress OtherHost = NetAddress.Parse("203.0.113.99");

    internal static DecapsulationFilter Filter() => new(
        AddressPrefixList.Parse(["192.0.2.2", "2001:db8:d::/64"]),
        new VipSet([Vip, Vip6]));

    internal static byte[] ClientUdp(NetAddress destination, string text = "hello") =>
        TunnelPackets.Udp(destination.IsIPv4 ? Client : Client6, 40000, destination, 5353, Encoding.ASCII.GetBytes(text));

    internal static TunnelParameters Ipip(NetAddress from, NetAddress to) => new(TunnelKind.Ipip, from, to);

    [Fact]
    public void Decide_Ipip4in4FromDirector_DeliversInnerPacket()
    {
        byte[] inner = ClientUdp(Vip);
        byte[] outer = TunnelPackets.Encapsulate(inner, Ipip(Director, Real));

        DropReason reason = Filter().Decide(outer, IngressKind.Ipv4Packet, Director, out int offset, out int length);

        Assert.Equal(DropReason.None, reason);
        Assert.Equal(20, offset);
        Assert.Equal(inner, outer.AsSpan(offset, length).ToArray());
    }

    [Fact]
    public void Decide_6in4TcpFromDirector_DeliversInnerIpv6Packet()
    {
        byte[] inner = new byte[200];
        int n = SyntheticPackets.WriteTcp(inner, Client6, Vip6, 40000, 80, SyntheticPackets.Syn);
        byte[] outer = TunnelPackets.Encapsulate(inner.AsSpan(0, n), Ipip(Director, Real));

        DropReason reason = Filter().Decide(outer, IngressKind.Ipv4Packet, Director, out int offset, out int length);

        Assert.Equal(DropReason.None, reason);
        Assert.Equal(inner[..n], outer.AsSpan(offset, length).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_RawIpv6PayloadFromDirector_DeliversWholePayload(bool innerIsV6)
    {
        byte[] inner = ClientUdp(innerIsV6 ? Vip6 : Vip);
        byte[] payload = TunnelPackets.Ipv6Payload(TunnelPackets.Encapsulate(inner, Ipip(Director6, Real6)));
        IngressKind kind = innerIsV6 ? IngressKind.Ipv6PayloadIpv6Inner : IngressKind.Ipv6PayloadIpv4Inner;

        DropReason reason = Filter().Decide(payload, kind, Director6, out int offset, out int length);

        Assert.Equal(DropReason.None, reason);
        Assert.Equal(0, offset);
        Assert.Equal(inner, payload.AsSpan(offset, length).ToArray());
    }

    [Theory]
    [InlineData(GueVariant.V0, false)]
    [InlineData(GueVariant.V0, true)]
    [InlineData(GueVariant.V1, false)]
    [InlineData(GueVariant.V1, true)]
    public void Decide_GuePayloadFromDirector_DeliversInnerPacket(GueVariant variant, bool innerIsV6)
    {
        byte[] inner = ClientUdp(innerIsV6 ? Vip6 : Vip);
        var parameters = new TunnelParameters(TunnelKind.Gue, Director, Real, variant, sourcePort: 0x1234);
        byte[] payload = TunnelPackets.GuePayload(TunnelPackets.Encapsulate(inner, parameters));

        DropReason reason = Filter().Decide(payload, IngressKind.GuePayload, Director, out int offset, out int length);

        Assert.Equal(DropReason.None, reason);
        Assert.Equal(variant == GueVariant.V0 ? 4 : 0, offset);
        Assert.Equal(inner, payload.AsSpan(offset, length).ToArray());
    }

    [Fact]
    public void Decide_SourceNotAllowed_DropsBeforeLookingAtThePacket()
    {
        byte[] outer = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Stranger, Real));

        Assert.Equal(DropReason.NotAllowedSource, Filter().Decide(outer, IngressKind.Ipv4Packet, Stranger, out _, out _));

        // Even garbage from a stranger counts as a stranger's packet.
        Assert.Equal(DropReason.NotAllowedSource, Filter().Decide([1, 2, 3], IngressKind.GuePayload, Stranger, out _, out _));
    }

    [Fact]
    public void Decide_InnerNotForAVip_DropsNotAVip()
    {
        byte[] outer = TunnelPackets.Encapsulate(ClientUdp(OtherHost), Ipip(Director, Real));

        Assert.Equal(DropReason.NotAVip, Filter().Decide(outer, IngressKind.Ipv4Packet, Director, out _, out _));
    }

    [Fact]
    public void Decide_BadOuterChecksum_DropsWithReason()
    {
        byte[] outer = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));
        outer[10] ^= 0xFF;

        Assert.Equal(DropReason.BadOuterChecksum, Filter().Decide(outer, IngressKind.Ipv4Packet, Director, out _, out _));
    }

    [Fact]
    public void Decide_TruncatedOuter_DropsTruncated()
    {
        byte[] outer = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));

        Assert.Equal(DropReason.Truncated, Filter().Decide(outer.AsSpan(0, outer.Length - 3), IngressKind.Ipv4Packet, Director, out _, out _));
    }

    [Fact]
    public void Decide_InnerShorterThanItsHeaderSays_DropsTruncated()
    {
        byte[] inner = ClientUdp(Vip);
        BinaryPrimitives.WriteUInt16BigEndian(inner.AsSpan(2), (ushort)(inner.Length + 10));

        Assert.Equal(DropReason.Truncated, Filter().Decide(inner, IngressKind.Ipv6PayloadIpv4Inner, Director6, out _, out _));
    }

    [Fact]
    public void Decide_PaddedInner_DeliversOnlyTheInnerPacket()
    {
        byte[] inner = ClientUdp(Vip6);
        byte[] padded = [.. inner, 0, 0, 0, 0];

        DropReason reason = Filter().Decide(padded, IngressKind.Ipv6PayloadIpv6Inner, Director6, out _, out int length);

        Assert.Equal(DropReason.None, reason);
        Assert.Equal(inner.Length, length);
    }

    [Fact]
    public void Decide_RawIpv6PayloadOfWrongFamily_DropsUnsupportedInner()
    {
        byte[] inner = ClientUdp(Vip6);

        Assert.Equal(DropReason.UnsupportedInner, Filter().Decide(inner, IngressKind.Ipv6PayloadIpv4Inner, Director6, out _, out _));
    }

    [Fact]
    public void Decide_GueVersion2_DropsBadGueHeader()
    {
        byte[] payload = TunnelPackets.GuePayload(TunnelPackets.Encapsulate(ClientUdp(Vip), new TunnelParameters(TunnelKind.Gue, Director, Real)));
        payload[0] = 0x80;

        Assert.Equal(DropReason.BadGueHeader, Filter().Decide(payload, IngressKind.GuePayload, Director, out _, out _));
    }

    [Fact]
    public void Decide_UdpOnRawIpv4Socket_DropsNotTunnel()
    {
        byte[] plainUdp = TunnelPackets.Udp(Director, 1000, Real, 6080, [0, 4, 0, 0]);

        Assert.Equal(DropReason.NotTunnel, Filter().Decide(plainUdp, IngressKind.Ipv4Packet, Director, out _, out _));
    }
}
