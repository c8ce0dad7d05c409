using System.Buffers.Binary;
using CsCheck;

namespace Longhaul.Packets.Tests;

public sealed class DecapsulationTests
{
    private static readonly NetAddress s_director4 = NetAddress.Parse("192.0.2.1");
    private static readonly NetAddress s_real4 = NetAddress.Parse("100.64.3.20");
    private static readonly NetAddress s_director6 = NetAddress.Parse("2001:db8:d::1");
    private static readonly NetAddress s_real6 = NetAddress.Parse("2001:db8:e::20");

    /// <summary>Random but well-formed inner packets: either family, TCP/UDP/ICMP, random sizes and fields.</summary>
    internal static readonly Gen<byte[]> s_innerPacket =
        Gen.Select(Gen.Bool, Gen.Int[0, 2], Gen.UShort, Gen.UShort, Gen.Byte, Gen.Bool, Gen.Byte.Array[0, 1400])
            .Select((isV6, protocol, sourcePort, destinationPort, trafficClass, dontFragment, payload) =>
            {
                PacketBuilder builder = isV6 ? PacketBuilder.V6() : PacketBuilder.V4().DontFragment(dontFragment);
                builder.TrafficClass(trafficClass);
                return (protocol switch
                {
                    0 => builder.Tcp(sourcePort, destinationPort, payload: payload),
                    1 => builder.Udp(sourcePort, destinationPort, payload),
                    _ => builder.Icmp(isV6 ? (byte)128 : (byte)8, 0, 1, payload),
                }).Build();
            });

    public static TheoryData<TunnelKind, GueVariant, bool> Combinations => new()
    {
        { TunnelKind.Ipip, GueVariant.V0, false },
        { TunnelKind.Ipip, GueVariant.V0, true },
        { TunnelKind.Gue, GueVariant.V0, false },
        { TunnelKind.Gue, GueVariant.V0, true },
        { TunnelKind.Gue, GueVariant.V1, false },
        { TunnelKind.Gue, GueVariant.V1, true },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void TryDecapsulate_AfterEncapsulateRandomInner_ReturnsOriginalBytes(TunnelKind kind, GueVariant variant, bool outerIsV6)
    {
        // Inner packets of both families make this cover 4in4, 6in4, 4in6 and 6in6 for every kind.
        NetAddress source = outerIsV6 ? s_director6 : s_director4;
        NetAddress destination = outerIsV6 ? s_real6 : s_real4;
        Deterministic.ForEach(Gen.Select(s_innerPacket, Gen.UShort), 400, 2024 + (ulong)kind * 10 + (ulong)variant * 2 + (outerIsV6 ? 1UL : 0), t =>
        {
            (byte[] inner, ushort entropy) = t;
            byte[] buffer = EncapsulationTests.Place(inner, out int innerOffset);
            var parameters = new TunnelParameters(kind, source, destination, variant, guePort: 6080, sourcePort: entropy);

            int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, parameters);
            Assert.True(start >= 0);
            int outerLength = innerOffset + inner.Length - start;
            Assert.Equal(TunnelOverhead.For(kind, variant, outerIsV6, inner[0] >> 4 == 6), outerLength - inner.Length);

            // The trailing 0xAA bytes stand in for link padding and must not leak into the inner packet.
            ReadOnlySpan<byte> received = buffer.AsSpan(start);
            DecapsulationStatus status = Decapsulation.TryDecapsulate(received, 6080, out DecapsulatedPacket result);

            Assert.Equal(DecapsulationStatus.Ok, status);
            Assert.Equal(kind, result.Kind);
            Assert.Equal(source, result.OuterSource);
            Assert.Equal(destination, result.OuterDestination);
            Assert.Equal(inner[0] >> 4 == 6, result.InnerIsIPv6);
            if (kind == TunnelKind.Gue)
            {
                Assert.Equal(variant, result.Variant);
            }

            Assert.Equal(inner, received.Slice(result.InnerOffset, result.InnerLength).ToArray());

            // The parser sees the encapsulated packet as valid too (outer checksum and lengths right).
            Assert.Equal(ParseStatus.Ok, PacketParser.Parse(received, out ParsedPacket outer));
            Assert.Equal(outerLength, outer.TotalLength);
        });
    }

    [Theory]
    [InlineData(GueVariant.V0, false)]
    [InlineData(GueVariant.V0, true)]
    [InlineData(GueVariant.V1, false)]
    [InlineData(GueVariant.V1, true)]
    public void TryDecapsulateGuePayload_UdpPayloadOfEncapsulated_ReturnsOriginalBytes(GueVariant variant, bool outerIsV6)
    {
        NetAddress source = outerIsV6 ? s_director6 : s_director4;
        NetAddress destination = outerIsV6 ? s_real6 : s_real4;
        int udpPayloadOffset = (outerIsV6 ? 40 : 20) + 8;
        Deterministic.ForEach(s_innerPacket, 300, 99 + (ulong)variant * 2 + (outerIsV6 ? 1UL : 0), inner =>
        {
            byte[] buffer = EncapsulationTests.Place(inner, out int innerOffset);
            int start = Encapsulation.Encapsulate(buffer, innerOffset, inner.Length, new TunnelParameters(TunnelKind.Gue, source, destination, variant));
            ReadOnlySpan<byte> udpPayload = buffer.AsSpan(start + udpPayloadOffset, innerOffset + inner.Length - start - udpPayloadOffset);

            Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulateGuePayload(udpPayload, out int offset, out int length));
            Assert.Equal(inner, udpPayload.Slice(offset, length).ToArray());
        });
    }

    [Fact]
    public void TryDecapsulate_PlainTcp_NotTunnel()
    {
        Assert.Equal(DecapsulationStatus.NotTunnel, Decapsulation.TryDecapsulate(PacketBuilder.V4().Tcp(1, 2).Build(), 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_UdpToOtherPort_NotTunnel()
    {
        byte[] packet = Gue(PacketBuilder.V4().Udp(1, 2).Build(), outerIsV6: false);

        Assert.Equal(DecapsulationStatus.NotTunnel, Decapsulation.TryDecapsulate(packet, 6081, out _));
    }

    [Fact]
    public void TryDecapsulate_BadOuterIpv4Checksum_BadOuterChecksum()
    {
        byte[] packet = Ipip(PacketBuilder.V4().Udp(1, 2).Build());
        packet[8]--;

        Assert.Equal(DecapsulationStatus.BadOuterChecksum, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_CorruptedPayloadOverIpv6Gue_BadOuterChecksum()
    {
        byte[] packet = Gue(PacketBuilder.V4().Udp(1, 2).Build(), outerIsV6: true);
        packet[^1] ^= 0x10;

        Assert.Equal(DecapsulationStatus.BadOuterChecksum, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_ZeroUdpChecksumOverIpv6_BadOuterChecksum()
    {
        byte[] packet = Gue(PacketBuilder.V4().Udp(1, 2).Build(), outerIsV6: true);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(40 + 6), 0);

        Assert.Equal(DecapsulationStatus.BadOuterChecksum, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_NonZeroUdpChecksumOverIpv4_IsVerified()
    {
        byte[] packet = Gue(PacketBuilder.V4().Udp(1, 2).Build(), outerIsV6: false);
        int udpLength = packet.Length - 20;
        uint pseudo = InternetChecksum.PseudoHeaderSumV4(s_director4, s_real4, IpProtocol.Udp, udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(26), InternetChecksum.Compute(packet.AsSpan(20), pseudo));

        Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulate(packet, 6080, out _));
        packet[^1] ^= 1;
        Assert.Equal(DecapsulationStatus.BadOuterChecksum, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_OuterFragment_Fragmented()
    {
        byte[] packet = Ipip(PacketBuilder.V4().Udp(1, 2).Build());
        packet[6] |= 0x20;
        Ipv4HeaderWriter.UpdateChecksum(packet);

        Assert.Equal(DecapsulationStatus.Fragmented, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_IpipInnerVersionMismatch_UnsupportedInner()
    {
        byte[] packet = Ipip(PacketBuilder.V4().Udp(1, 2).Build());
        packet[9] = (byte)IpProtocol.Ipv6;
        Ipv4HeaderWriter.UpdateChecksum(packet);

        Assert.Equal(DecapsulationStatus.UnsupportedInner, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_IpipInnerShorterThanHeader_Truncated()
    {
        byte[] packet = PacketBuilder.V4().Raw(IpProtocol.IpInIp, [0x45, 0, 0, 0]).Build();

        Assert.Equal(DecapsulationStatus.Truncated, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_UdpLengthBeyondDatagram_BadOuterHeader()
    {
        byte[] packet = Gue(PacketBuilder.V4().Udp(1, 2).Build(), outerIsV6: false);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(packet.Length - 19));

        Assert.Equal(DecapsulationStatus.BadOuterHeader, Decapsulation.TryDecapsulate(packet, 6080, out _));
    }

    [Fact]
    public void TryDecapsulate_OuterIpv6WithDestinationOptions_WalksToUdp()
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] gue = [0x00, 0x04, 0x00, 0x00, .. inner];
        byte[] unchecked_ = PacketBuilder.V6("2001:db8:d::1", "2001:db8:e::20").Extension(IpProtocol.Ipv6DestinationOptions).Udp(0xC001, 6080, gue).Build();

        Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulate(unchecked_, 6080, out DecapsulatedPacket result));
        Assert.Equal(40 + 8 + 8 + 4, result.InnerOffset);
        Assert.Equal(inner, unchecked_.AsSpan(result.InnerOffset, result.InnerLength).ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x20, 0x04, 0x00, 0x00 }, DecapsulationStatus.BadGueHeader)] // C bit: control message
    [InlineData(new byte[] { 0x80, 0x04, 0x00, 0x00 }, DecapsulationStatus.BadGueHeader)] // version 2
    [InlineData(new byte[] { 0xC0, 0x04, 0x00, 0x00 }, DecapsulationStatus.BadGueHeader)] // version 3
    [InlineData(new byte[] { 0x00, 0x11, 0x00, 0x00 }, DecapsulationStatus.UnsupportedInner)] // inner UDP
    [InlineData(new byte[] { 0x00, 0x29, 0x00, 0x00 }, DecapsulationStatus.UnsupportedInner)] // says IPv6, is IPv4
    [InlineData(new byte[] { 0x01, 0x04, 0x00, 0x00 }, DecapsulationStatus.UnsupportedInner)] // Hlen 1 skips into the inner header
    [InlineData(new byte[] { 0x00, 0x04 }, DecapsulationStatus.Truncated)] // no room for the GUE header
    public void TryDecapsulateGuePayload_BadHeaders_Status(byte[] header, DecapsulationStatus expected)
    {
        byte[] inner = PacketBuilder.V4().Udp(1, 2).Build();
        byte[] payload = header.Length == 4 ? [.. header, .. inner] : header;

        DecapsulationStatus status = Decapsulation.TryDecapsulateGuePayload(payload, out _, out _);

        Assert.Equal(expected, status);
    }

    [Fact]
    public void TryDecapsulateGuePayload_HlenOptions_Skipped()
    {
        byte[] inner = PacketBuilder.V6().Udp(1, 2).Build();
        byte[] payload = [0x01, 0x29, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, .. inner];

        Assert.Equal(DecapsulationStatus.Ok, Decapsulation.TryDecapsulateGuePayload(payload, out int offset, out int length));
        Assert.Equal(8, offset);
        Assert.Equal(inner.Length, length);
    }

    [Theory]
    [InlineData(0x50)]
    [InlineData(0x70)]
    public void TryDecapsulateGuePayload_Variant1NotIp_UnsupportedInner(byte first)
    {
        byte[] payload = new byte[40];
        payload[0] = first;

        Assert.Equal(DecapsulationStatus.UnsupportedInner, Decapsulation.TryDecapsulateGuePayload(payload, out _, out _));
    }

    [Fact]
    public void TryDecapsulate_Empty_Truncated() =>
        Assert.Equal(DecapsulationStatus.Truncated, Decapsulation.TryDecapsulate([], 6080, out _));

    private static byte[] Ipip(byte[] inner)
    {
        byte[] buffer = EncapsulationTests.Place(inner, out int offset);
        int start = Encapsulation.Encapsulate(buffer, offset, inner.Length, new TunnelParameters(TunnelKind.Ipip, s_director4, s_real4));
        return buffer.AsSpan(start, offset + inner.Length - start).ToArray();
    }

    private static byte[] Gue(byte[] inner, bool outerIsV6)
    {
        byte[] buffer = EncapsulationTests.Place(inner, out int offset);
        var parameters = outerIsV6
            ? new TunnelParameters(TunnelKind.Gue, s_director6, s_real6)
            : new TunnelParameters(TunnelKind.Gue, s_director4, s_real4);
        int start = Encapsulation.Encapsulate(buffer, offset, inner.Length, parameters);
        return buffer.AsSpan(start, offset + inner.Length - start).ToArray();
    }
}
