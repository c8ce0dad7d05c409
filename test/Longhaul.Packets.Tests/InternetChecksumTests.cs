using System.Buffers.Binary;
using CsCheck;

namespace Longhaul.Packets.Tests;

public sealed class InternetChecksumTests
{
    [Fact]
    public void Accumulate_Rfc1071Example_MatchesPublishedSum()
    {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum (folded) to ddf2.
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];

        Assert.Equal(0xDDF2, InternetChecksum.Fold(InternetChecksum.Accumulate(data)));
        Assert.Equal(0xDDF2, InternetChecksum.Fold(InternetChecksum.AccumulateScalar(data)));
        Assert.Equal(0x220D, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Compute_KnownIpv4Header_MatchesWiresharkValue()
    {
        // A classic worked example: 45 00 00 73 00 00 40 00 40 11 [b8 61] c0 a8 00 01 c0 a8 00 c7.
        byte[] header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");

        Assert.Equal(0xB861, InternetChecksum.Compute(header));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), 0xB861);
        Assert.True(InternetChecksum.IsValid(header));
        Assert.Equal(0, InternetChecksum.Compute(header));
    }

    [Fact]
    public void Compute_OddLength_PadsLastByteAsHighByte()
    {
        byte[] data = [0x12, 0x34, 0x56];

        // 0x1234 + 0x5600 = 0x6834.
        Assert.Equal(0x97CB, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Compute_EmptyAndAllZero_GiveAllOnes()
    {
        Assert.Equal(0xFFFF, InternetChecksum.Compute([]));
        Assert.Equal(0xFFFF, InternetChecksum.Compute(new byte[100]));
    }

    [Fact]
    public void Compute_AllOnesLargeBuffer_CarriesAreNotLost()
    {
        // Every lane overflows repeatedly; the folded sum of 0xFFFF words is 0xFFFF, so the checksum is 0.
        byte[] data = new byte[65536];
        Array.Fill(data, (byte)0xFF);

        Assert.Equal(InternetChecksum.ComputeScalar(data), InternetChecksum.Compute(data));
        Assert.Equal(0, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Compute_EveryLengthTo2048AtRandomAlignment_EqualsScalar()
    {
        var random = new Random(20240611);
        byte[] backing = new byte[2048 + 64];
        for (int length = 0; length <= 2048; length++)
        {
            for (int trial = 0; trial < 3; trial++)
            {
                random.NextBytes(backing);
                int alignment = random.Next(0, 64);
                ReadOnlySpan<byte> data = backing.AsSpan(alignment, length);

                ushort expected = PacketBuilder.ReferenceChecksum(data, 0);
                Assert.Equal(expected, InternetChecksum.ComputeScalar(data));
                Assert.Equal(expected, InternetChecksum.Compute(data));
            }
        }
    }

    [Fact]
    public void Accumulate_SplitAtEvenOffsetWithInitial_EqualsWhole()
    {
        Deterministic.ForEach(Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[0, 1500]), 2000, 7, t =>
        {
            (byte[] data, int split) = t;
            split = Math.Min(split, data.Length) & ~1;
            uint first = InternetChecksum.Accumulate(data.AsSpan(0, split));
            uint both = InternetChecksum.Accumulate(data.AsSpan(split), first);

            Assert.Equal(InternetChecksum.Fold(InternetChecksum.AccumulateScalar(data)), InternetChecksum.Fold(both));
        });
    }

    [Fact]
    public void Accumulate_LargeInitialNearOverflow_StillFolds()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF];
        uint sum = InternetChecksum.Accumulate(data, 0xFFFF_FFFF);

        // 0xFFFFFFFF ≡ 0xFFFF + 0xFFFF; plus two 0xFFFF words: all ones.
        Assert.Equal(0xFFFF, InternetChecksum.Fold(sum));
    }

    [Fact]
    public void UpdateIncremental_RandomWordChange_EqualsRecompute()
    {
        var gen = Gen.Select(Gen.Byte.Array[2, 200], Gen.Int[0, 99], Gen.UShort);
        Deterministic.ForEach(gen, 5000, 11, t =>
        {
            (byte[] data, int index, ushort newWord) = t;
            int wordOffset = Math.Min(index, data.Length / 2 - 1) * 2;
            ushort before = InternetChecksum.ComputeScalar(data);
            ushort oldWord = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(wordOffset));

            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(wordOffset), newWord);
            ushort recomputed = InternetChecksum.ComputeScalar(data);
            ushort incremental = InternetChecksum.UpdateIncremental(before, oldWord, newWord);

            // RFC 1624 §3: eqn. 3 may yield 0xFFFF where a recompute yields 0x0000 (the two one's complement zeros)
            // only when the data sums to zero; both then verify.
            Assert.Equal(Canonical(recomputed), Canonical(incremental));
        });
    }

    [Fact]
    public void UpdateIncremental_AddressChange_EqualsRecompute()
    {
        byte[] header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), InternetChecksum.Compute(header));
        ushort before = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(10));

        uint newSource = 0xCB007101;
        ushort incremental = InternetChecksum.UpdateIncremental(before, 0xC0A80001u, newSource);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), newSource);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), 0);

        Assert.Equal(InternetChecksum.Compute(header), incremental);
    }

    [Fact]
    public void PseudoHeaderSumV4_MatchesBytewiseLayout()
    {
        var source = NetAddress.Parse("198.51.100.7");
        var destination = NetAddress.Parse("203.0.113.10");
        byte[] pseudo = new byte[12];
        source.WriteV4(pseudo);
        destination.WriteV4(pseudo.AsSpan(4));
        pseudo[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), 1234);

        uint sum = InternetChecksum.PseudoHeaderSumV4(source, destination, IpProtocol.Tcp, 1234);

        Assert.Equal(InternetChecksum.Fold(InternetChecksum.AccumulateScalar(pseudo)), InternetChecksum.Fold(sum));
    }

    [Fact]
    public void PseudoHeaderSumV6_MatchesBytewiseLayout()
    {
        var source = NetAddress.Parse("2001:db8:1::7");
        var destination = NetAddress.Parse("fe80::ffff:1:2:3");
        byte[] pseudo = new byte[40];
        source.WriteV6(pseudo);
        destination.WriteV6(pseudo.AsSpan(16));
        BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), 70000);
        pseudo[39] = 58;

        uint sum = InternetChecksum.PseudoHeaderSumV6(source, destination, IpProtocol.Icmpv6, 70000);

        Assert.Equal(InternetChecksum.Fold(InternetChecksum.AccumulateScalar(pseudo)), InternetChecksum.Fold(sum));
    }

    private static ushort Canonical(ushort checksum) => checksum == 0xFFFF ? (ushort)0 : checksum;
}
