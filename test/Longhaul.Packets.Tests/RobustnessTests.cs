using CsCheck;

namespace Longhaul.Packets.Tests;

/// <summary>
/// Every parser on hostile input: random bytes and single/multi-byte mutations of valid packets. A parser may
/// reject anything, but must return a status without throwing and report offsets that stay inside the input.
/// </summary>
public sealed class RobustnessTests
{
    private const int Cases = 5000;

    private static readonly Gen<byte[]> s_randomBytes = Gen.Byte.Array[0, 200];

    /// <summary>Random bytes whose first nibble is 4 or 6, so the parsers get past the version check.</summary>
    private static readonly Gen<byte[]> s_ipLikeBytes = Gen.Select(Gen.Byte.Array[1, 200], Gen.Bool).Select((bytes, v6) =>
    {
        bytes[0] = (byte)((v6 ? 0x60 : 0x45) | (bytes[0] & 0x0F));
        return bytes;
    });

    private static readonly Gen<byte[]> s_validPackets = Gen.OneOf(
        DecapsulationTests.s_innerPacket,
        Gen.Select(Gen.Int[1, 4], Gen.Byte.Array[0, 64]).Select((type, payload) =>
            PacketBuilder.V6().Extension(IpProtocol.HopByHop).Fragment(0, true).Icmp((byte)type, 0, 0,
                [.. PacketBuilder.V6().Extension(IpProtocol.Ipv6DestinationOptions).Tcp(1, 2, payload: payload).Build()]).Build()),
        Gen.Select(Gen.Byte[0, 15], Gen.Byte.Array[0, 64]).Select((type, payload) =>
            PacketBuilder.V4().Ipv4Options([1, 1, 1, 1]).Icmp(type, 0, 0, PacketBuilder.V4().Udp(1, 2, payload).Build()).Build()),
        DecapsulationTests.s_innerPacket.Select(inner => Encapsulated(inner, TunnelKind.Gue, GueVariant.V0, v6: false)),
        DecapsulationTests.s_innerPacket.Select(inner => Encapsulated(inner, TunnelKind.Gue, GueVariant.V1, v6: true)),
        DecapsulationTests.s_innerPacket.Select(inner => Encapsulated(inner, TunnelKind.Ipip, GueVariant.V0, v6: false)));

    /// <summary>A valid packet with 1..8 random bytes overwritten, or cut short, or both.</summary>
    private static readonly Gen<byte[]> s_mutatedPackets =
        Gen.Select(s_validPackets, Gen.Int[0, 1000].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, 100])
            .Select((packet, positions, values, cutPercent) =>
            {
                for (int i = 0; i < positions.Length && packet.Length > 0; i++)
                {
                    packet[positions[i] % Math.Min(packet.Length, 120)] = values[i];
                }

                int keep = cutPercent >= 80 ? packet.Length * (cutPercent - 80) / 20 : packet.Length;
                return packet.AsSpan(0, keep).ToArray();
            });

    public static TheoryData<string> Inputs => ["random", "ip-like", "mutated"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parse_HostileInput_NeverThrowsAndStaysInBounds(string kind) =>
        Deterministic.ForEach(Input(kind), Cases, 1001, bytes =>
        {
            ParseStatus status = PacketParser.Parse(bytes, out ParsedPacket parsed);

            Assert.True(Enum.IsDefined(status));
            if (status == ParseStatus.Ok)
            {
                Assert.InRange(parsed.TotalLength, parsed.TransportOffset, bytes.Length);
                Assert.Equal(parsed.NetworkHeaderLength, parsed.TransportOffset);
            }
        });

    [Theory]
    [MemberData(nameof(Inputs))]
    public void HeaderTryParse_HostileInput_NeverThrows(string kind) =>
        Deterministic.ForEach(Input(kind), Cases, 1002, bytes =>
        {
            if (Ipv4Header.TryParse(bytes, out Ipv4Header v4))
            {
                Assert.InRange(v4.HeaderLength, 20, bytes.Length);
                _ = (v4.HasValidChecksum, v4.Options.Length, v4.Source, v4.Destination, v4.TotalLength, v4.FragmentOffset);
            }

            if (Ipv6Header.TryParse(bytes, out Ipv6Header v6))
            {
                _ = (v6.Source, v6.Destination, v6.FlowLabel, v6.TrafficClass, v6.PayloadLength);
            }

            if (TcpHeader.TryParse(bytes, out TcpHeader tcp))
            {
                Assert.InRange(tcp.HeaderLength, 20, bytes.Length);
                _ = (tcp.Options.Length, tcp.Flags, tcp.UrgentPointer);
            }

            if (UdpHeader.TryParse(bytes, out UdpHeader udp))
            {
                _ = (udp.Payload.Length, udp.Checksum);
            }

            if (IcmpHeader.TryParse(bytes, out IcmpHeader icmp))
            {
                _ = (icmp.Payload.Length, icmp.HasValidChecksum, icmp.RestOfHeader);
            }

            if (Icmpv6Header.TryParse(bytes, out Icmpv6Header icmp6))
            {
                _ = (icmp6.Payload.Length, icmp6.HasValidChecksum(default, default), icmp6.RestOfHeader);
            }
        });

    [Theory]
    [MemberData(nameof(Inputs))]
    public void TryDecapsulate_HostileInput_NeverThrowsAndStaysInBounds(string kind) =>
        Deterministic.ForEach(Input(kind), Cases, 1003, bytes =>
        {
            DecapsulationStatus status = Decapsulation.TryDecapsulate(bytes, 6080, out DecapsulatedPacket result);

            Assert.True(Enum.IsDefined(status));
            if (status == DecapsulationStatus.Ok)
            {
                Assert.InRange(result.InnerOffset, 20, bytes.Length);
                Assert.InRange(result.InnerLength, 20, bytes.Length - result.InnerOffset);
            }
        });

    [Theory]
    [MemberData(nameof(Inputs))]
    public void TryDecapsulateGuePayload_HostileInput_NeverThrowsAndStaysInBounds(string kind) =>
        Deterministic.ForEach(Input(kind), Cases, 1004, bytes =>
        {
            DecapsulationStatus status = Decapsulation.TryDecapsulateGuePayload(bytes, out int offset, out int length);

            Assert.True(Enum.IsDefined(status));
            if (status == DecapsulationStatus.Ok)
            {
                Assert.InRange(offset, 0, bytes.Length);
                Assert.InRange(length, 20, bytes.Length - offset);
            }
        });

    [Fact]
    public void Encapsulate_HostileInnerAndParameters_NeverThrowsAndNeverWritesOutsideHeadroom()
    {
        var gen = Gen.Select(s_ipLikeBytes, Gen.Int[0, 80], Gen.Byte[0, 2], Gen.Byte[0, 2], Gen.Bool, Gen.Bool);
        Deterministic.ForEach(gen, Cases, 1005, t =>
        {
            (byte[] inner, int headroom, byte kind, byte variant, bool sourceV6, bool destinationV6) = t;
            byte[] buffer = new byte[headroom + inner.Length];
            inner.CopyTo(buffer, headroom);
            var parameters = new TunnelParameters(
                (TunnelKind)kind,
                sourceV6 ? NetAddress.Parse("2001:db8::1") : NetAddress.Parse("192.0.2.1"),
                destinationV6 ? NetAddress.Parse("2001:db8::2") : NetAddress.Parse("192.0.2.2"),
                (GueVariant)variant);

            int start = Encapsulation.Encapsulate(buffer, headroom, inner.Length, parameters);

            Assert.InRange(start, -1, headroom);
            Assert.Equal(inner, buffer.AsSpan(headroom).ToArray());
        });
    }

    [Fact]
    public void IcmpBuilders_HostilePackets_NeverThrow()
    {
        Deterministic.ForEach(Gen.Select(s_ipLikeBytes, Gen.Int[0, 80]), Cases, 1006, t =>
        {
            (byte[] packet, int headroom) = t;
            byte[] buffer = new byte[headroom + packet.Length];
            packet.CopyTo(buffer, headroom);

            int v4 = IcmpErrorBuilder.WriteFragmentationNeeded(buffer, headroom, packet.Length, NetAddress.Parse("203.0.113.10"), 1400, out int offset4);
            Assert.True(v4 == -1 || (offset4 == headroom - 28 && v4 <= 576));
            int v6 = IcmpErrorBuilder.WritePacketTooBig(buffer, headroom, packet.Length, NetAddress.Parse("2001:db8::10"), 1280, out int offset6);
            Assert.True(v6 == -1 || (offset6 == headroom - 48 && v6 <= 1280));
        });
    }

    private static Gen<byte[]> Input(string kind) => kind switch
    {
        "random" => s_randomBytes,
        "ip-like" => s_ipLikeBytes,
        _ => s_mutatedPackets,
    };

    private static byte[] Encapsulated(byte[] inner, TunnelKind kind, GueVariant variant, bool v6)
    {
        byte[] buffer = EncapsulationTests.Place(inner, out int offset);
        var parameters = v6
            ? new TunnelParameters(kind, NetAddress.Parse("2001:db8::1"), NetAddress.Parse("2001:db8::2"), variant)
            : new TunnelParameters(kind, NetAddress.Parse("192.0.2.1"), NetAddress.Parse("192.0.2.2"), variant);
        int start = Encapsulation.Encapsulate(buffer, offset, inner.Length, parameters);
        return buffer.AsSpan(start, offset + inner.Length - start).ToArray();
    }
}
