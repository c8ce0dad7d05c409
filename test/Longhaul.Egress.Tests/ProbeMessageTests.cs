using System.Buffers.Binary;
using CsCheck;
using Longhaul.Packets;

namespace Longhaul.Egress.Tests;

public sealed class ProbeMessageTests
{
    [Fact]
    public void WriteThenTryParse_RandomFields_RoundTrips()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.UInt, Gen.Byte.Array[16], Gen.Byte[1, 5], Gen.Byte)
            .Sample(
                (tokenBytes, realV4, vipBytes, kind, attempt) =>
                {
                    UInt128 token = BinaryPrimitives.ReadUInt128BigEndian(tokenBytes);
                    NetAddress real = NetAddress.FromV4(realV4);
                    NetAddress vip = NetAddress.FromV6Bytes(vipBytes);
                    byte[] bytes = new byte[ProbeMessage.Length + 3];
                    ProbeMessage.Write(bytes, (ProbeKind)kind, attempt, token, real, vip);

                    Assert.True(ProbeMessage.TryParse(bytes, out ProbeMessage message));
                    Assert.Equal((ProbeKind)kind, message.Kind);
                    Assert.Equal(attempt, message.Attempt);
                    Assert.Equal(token, message.Token);
                    Assert.Equal(real, message.Real);
                    Assert.True(message.Real.IsIPv4);
                    Assert.Equal(vip, message.Vip);
                },
                seed: "0N0XIzNsQ0O2",
                iter: 500);
    }

    [Theory]
    [InlineData(0, 0x00)] // magic
    [InlineData(4, 0x02)] // version
    [InlineData(5, 0x00)] // kind 0
    [InlineData(5, 0x06)] // kind beyond the last
    public void TryParse_CorruptField_Rejects(int offset, byte value)
    {
        byte[] bytes = new byte[ProbeMessage.Length];
        ProbeMessage.Write(bytes, ProbeKind.VipReply, 0, 7, TestPackets.Real, TestPackets.Vip);
        Assert.True(ProbeMessage.TryParse(bytes, out _));

        bytes[offset] = value;

        Assert.False(ProbeMessage.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_OneByteShort_Rejects()
    {
        byte[] bytes = new byte[ProbeMessage.Length];
        ProbeMessage.Write(bytes, ProbeKind.VipReply, 0, 7, TestPackets.Real, TestPackets.Vip);

        Assert.False(ProbeMessage.TryParse(bytes.AsSpan(0, ProbeMessage.Length - 1), out _));
    }
}
