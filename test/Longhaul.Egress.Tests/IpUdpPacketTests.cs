using Longhaul.Packets;

namespace Longhaul.Egress.Tests;

public sealed class IpUdpPacketTests
{
    [Theory]
    [InlineData("203.0.113.10", "192.0.2.2")]
    [InlineData("2001:db8:f::10", "2001:db8:d::2")]
    public void Write_AnyFamily_ChecksumsVerifyAndParseBack(string from, string to)
    {
        NetAddress source = NetAddress.Parse(from);
        NetAddress destination = NetAddress.Parse(to);
        byte[] payload = "some payload of odd length"u8.ToArray();
        byte[] buffer = new byte[200];

        int length = IpUdpPacketWriter.Write(buffer, source, 6081, destination, 40000, payload, ttl: 7, tag: 0x4C07);

        Assert.True(length > 0);
        Span<byte> packet = buffer.AsSpan(0, length);
        int ipLength = source.IsIPv4 ? 20 : 40;
        if (source.IsIPv4)
        {
            Assert.True(InternetChecksum.IsValidIpv4Header(packet[..20]));
            Assert.Equal(0x4C07, (packet[4] << 8) | packet[5]);
            Assert.Equal(7, packet[8]);
        }
        else
        {
            int flowLabel = ((packet[1] & 0x0F) << 16) | (packet[2] << 8) | packet[3];
            Assert.Equal(0x4C07, flowLabel);
            Assert.Equal(7, packet[7]);
        }

        uint pseudo = source.IsIPv4
            ? InternetChecksum.PseudoHeaderSumV4(source, destination, IpProtocol.Udp, length - ipLength)
            : InternetChecksum.PseudoHeaderSumV6(source, destination, IpProtocol.Udp, length - ipLength);
        Assert.True(InternetChecksum.IsValid(packet[ipLength..], pseudo));

        Assert.True(IpUdpPacket.TryParse(packet, out IpUdpPacket view));
        Assert.Equal(source, view.Source);
        Assert.Equal(destination, view.Destination);
        Assert.Equal(6081, view.SourcePort);
        Assert.Equal(40000, view.DestinationPort);
        Assert.Equal(payload, view.Payload.ToArray());
        Assert.True(IpUdpPacket.IsUdpToPort(packet, 40000));
        Assert.False(IpUdpPacket.IsUdpToPort(packet, 6081));
    }

    [Fact]
    public void Write_MixedFamilies_Refuses()
    {
        Assert.Equal(-1, IpUdpPacketWriter.Write(new byte[200], TestPackets.Vip, 1, NetAddress.Parse("2001:db8::1"), 2, []));
    }

    [Fact]
    public void TryParse_TruncatedOrFragment_Rejects()
    {
        byte[] probe = TestPackets.Probe(TestPackets.Director, TestPackets.Vip);
        Assert.True(IpUdpPacket.TryParse(probe, out _));
        Assert.False(IpUdpPacket.TryParse(probe.AsSpan(0, probe.Length - 1), out _));

        probe[6] = 0x20; // more fragments
        Assert.False(IpUdpPacket.TryParse(probe, out _));
    }
}
