
namespace Longhaul.Egress.Tests;

public sealed class ProbeResponseTests
{
    [Fact]
    public void TryReadProbe_TunnelProbe_ReadsRequest()
    {
        byte[] probe = TestPackets.Probe(TestPackets.Director, TestPackets.Vip, token: 0xABCDEF);

        Assert.True(ProbeResponse.TryReadProbe(probe, EgressDefaults.ProbePort, out ProbeRequest request));

        Assert.Equal(new ProbeRequest(TestPackets.Director, 40000, TestPackets.Vip, EgressDefaults.ProbePort, 0xABCDEF, 0, TestPackets.Real), request);
    }

    [Fact]
    public void TryReadProbe_OtherPortReplyKindOrOtherVip_Ignores()
    {
        Assert.False(ProbeResponse.TryReadProbe(TestPackets.Probe(TestPackets.Director, TestPackets.Vip, port: 53), EgressDefaults.ProbePort, out _));
        Assert.False(ProbeResponse.TryReadProbe(TestPackets.Probe(TestPackets.Director, TestPackets.Vip, kind: ProbeKind.VipReply), EgressDefaults.ProbePort, out _));

        // The message names a VIP other than the packet's destination: not a probe we answer.
        byte[] probe = TestPackets.Probe(TestPackets.Director, TestPackets.Vip);
        probe[19] ^= 1;
        Assert.False(ProbeResponse.TryReadProbe(probe, EgressDefaults.ProbePort, out _));
    }

    [Fact]
    public void TryReadProbe_ClientDatagramToProbePortWithoutMagic_Ignores()
    {
        byte[] packet = new byte[100];
        int length = IpUdpPacketWriter.Write(packet, TestPackets.Client, 5000, TestPackets.Vip, EgressDefaults.ProbePort, new byte[ProbeMessage.Length]);

        Assert.False(ProbeResponse.TryReadProbe(packet.AsSpan(0, length), EgressDefaults.ProbePort, out _));
    }

    [Fact]
    public void WriteVipReply_FromProbe_IsFromVipToDirectorWithSameToken()
    {
        ProbeResponse.TryReadProbe(TestPackets.Probe(TestPackets.Director, TestPackets.Vip, token: 99), EgressDefaults.ProbePort, out ProbeRequest request);
        byte[] buffer = new byte[ProbeResponse.MaxVipReplyLength];

        int length = ProbeResponse.WriteVipReply(buffer, request);

        Assert.True(IpUdpPacket.TryParse(buffer.AsSpan(0, length), out IpUdpPacket reply));
        Assert.Equal(TestPackets.Vip, reply.Source);
        Assert.Equal(EgressDefaults.ProbePort, reply.SourcePort);
        Assert.Equal(TestPackets.Director, reply.Destination);
        Assert.Equal(40000, reply.DestinationPort);
        Assert.True(ProbeMessage.TryParse(reply.Payload, out ProbeMessage message));
        Assert.Equal(ProbeKind.VipReply, message.Kind);
        Assert.Equal((UInt128)99, message.Token);
        Assert.Equal(TestPackets.Real, message.Real);

        ProbeResponse.WriteControlPayload(buffer, request);
        Assert.True(ProbeMessage.TryParse(buffer, out ProbeMessage control));
        Assert.Equal(ProbeKind.ControlReply, control.Kind);
        Assert.Equal((UInt128)99, control.Token);
    }
}
