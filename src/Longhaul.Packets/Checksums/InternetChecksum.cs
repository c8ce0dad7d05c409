using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Longhaul.Packets;

/// <summary>
/// The RFC 1071 Internet checksum (16-bit one's complement of the one's complement sum).
/// </summary>
/// <remarks>
/// <para>
/// Partial sums are <see cref="uint"/> values that have not yet been folded to 16 bits, so pieces (pseudo-header,
/// headers, payload) can be summed separately and combined with plain addition through <see cref="Accumulate"/>'s
/// <c>initial</c> argument or <see cref="Add"/>. Every piece except the last must have an even length, because
/// an odd piece would shift the byte pairing of the next one.
/// </para>
/// <para>
/// The vector path relies on the byte-order independence of the one's complement sum (RFC 1071 §2(B)): it adds
/// native-order 32-bit lanes with explicit carry counting, folds to 16 bits and swaps once at the end. The
/// textbook big-endian loop is kept as <see cref="AccumulateScalar"/>; tests compare the two on every length.
/// </para>
/// </remarks>
public static class InternetChecksum
{
    /// <summary>The checksum of <paramref name="data"/>, ready to store big-endian in a header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Fold(Accumulate(data));

    /// <summary>The checksum of <paramref name="data"/> on top of a partial sum (for example a pseudo-header).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Compute(ReadOnlySpan<byte> data, uint initial) => (ushort)~Fold(Accumulate(data, initial));

    /// <summary>Reference implementation of <see cref="Compute(ReadOnlySpan{byte})"/>: one big-endian word at a time.</summary>
    public static ushort ComputeScalar(ReadOnlySpan<byte> data) => (ushort)~Fold(AccumulateScalar(data));

    /// <summary>
    /// True when <paramref name="data"/>, including its stored checksum field, sums to all ones: the receiver's check
    /// for IPv4 headers and ICMP messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsValid(ReadOnlySpan<byte> data, uint initial = 0) => Fold(Accumulate(data, initial)) == 0xFFFF;

    /// <summary>
    /// <see cref="IsValid"/> for an IPv4 header, unrolled for the option-less 20 bytes that nearly every packet has:
    /// five native-order loads, no loop. All ones reads the same in either byte order, so no swap is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsValidIpv4Header(ReadOnlySpan<byte> header)
    {
        if (header.Length != Ipv4Header.MinLength)
        {
            return IsValid(header);
        }

        ref byte start = ref MemoryMarshal.GetReference(header);
        ulong sum = (ulong)Unsafe.ReadUnaligned<uint>(ref start)
            + Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, 4))
            + Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, 8))
            + Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, 12))
            + Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, 16));
        return Fold(Reduce(sum)) == 0xFFFF;
    }

    /// <summary>Adds the big-endian 16-bit words of <paramref name="data"/> to <paramref name="initial"/>.</summary>
    public static uint Accumulate(ReadOnlySpan<byte> data, uint initial = 0)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;
        nuint offset = 0;
        ulong native = 0;

        if (Vector128.IsHardwareAccelerated && length >= 32)
        {
            native = AccumulateVector128(ref start, length, ref offset);
        }

        // Tail (and short inputs such as a 20-byte IPv4 header): native-order 32-bit words into a 64-bit sum.
        while (length - offset >= 4)
        {
            native += Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, offset));
            offset += 4;
        }

        if (length - offset >= 2)
        {
            native += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, offset));
            offset += 2;
        }

        if (offset < length)
        {
            // A trailing odd byte is the high byte of a zero-padded big-endian word.
            uint last = Unsafe.Add(ref start, offset);
            native += BitConverter.IsLittleEndian ? last : last << 8;
        }

        ushort folded = Fold(Reduce(native));
        uint networkOrder = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(folded) : folded;
        return Add(initial, networkOrder);
    }

    /// <summary>Reference implementation of <see cref="Accumulate"/>, as written in RFC 1071.</summary>
    public static uint AccumulateScalar(ReadOnlySpan<byte> data, uint initial = 0)
    {
        ulong sum = initial;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return Reduce(sum);
    }

    /// <summary>One's complement addition of two partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint a, uint b)
    {
        ulong sum = (ulong)a + b;
        return (uint)sum + (uint)(sum >> 32);
    }

    /// <summary>Folds a partial sum to 16 bits with end-around carry (not complemented).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Fold(uint sum)
    {
        // Adding the value to itself rotated by 16 leaves hi + lo + (carry out of lo + hi) in the upper half:
        // the end-around-carry sum in three operations instead of two rounds of mask, shift, add.
        return (ushort)((sum + BitOperations.RotateLeft(sum, 16)) >> 16);
    }

    /// <summary>Partial sum of the IPv4 pseudo-header (RFC 793 / RFC 768) for TCP, UDP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PseudoHeaderSumV4(uint sourceHostOrder, uint destinationHostOrder, IpProtocol protocol, int upperLayerLength)
    {
        ulong sum = (ulong)sourceHostOrder + destinationHostOrder + (uint)protocol + (uint)(ushort)upperLayerLength;
        return Reduce(sum);
    }

    /// <summary>Partial sum of the IPv4 pseudo-header from two IPv4 <see cref="NetAddress"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PseudoHeaderSumV4(in NetAddress source, in NetAddress destination, IpProtocol protocol, int upperLayerLength) =>
        PseudoHeaderSumV4(source.V4, destination.V4, protocol, upperLayerLength);

    /// <summary>Partial sum of the IPv6 pseudo-header (RFC 8200 §8.1) for TCP, UDP and ICMPv6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PseudoHeaderSumV6(in NetAddress source, in NetAddress destination, IpProtocol protocol, int upperLayerLength)
    {
        // Summing 32-bit big-endian words and folding equals summing the 16-bit words.
        ulong sum = (source.High >> 32) + (uint)source.High + (source.Low >> 32) + (uint)source.Low
            + (destination.High >> 32) + (uint)destination.High + (destination.Low >> 32) + (uint)destination.Low
            + (uint)upperLayerLength + (uint)protocol;
        return Reduce(sum);
    }

    /// <summary>
    /// RFC 1624 eqn. 3: the checksum after one 16-bit word of the covered data changed from
    /// <paramref name="oldWord"/> to <paramref name="newWord"/>: HC' = ~(~HC + ~m + m').
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort UpdateIncremental(ushort oldChecksum, ushort oldWord, ushort newWord)
    {
        uint sum = (uint)(ushort)~oldChecksum + (ushort)~oldWord + newWord;
        return (ushort)~Fold(sum);
    }

    /// <summary>RFC 1624 for a 32-bit field (an IPv4 address, a sequence number): two word updates in one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort UpdateIncremental(ushort oldChecksum, uint oldValue, uint newValue)
    {
        ulong sum = (ulong)(ushort)~oldChecksum + (ushort)~(oldValue >> 16) + (ushort)~oldValue + (newValue >> 16) + (newValue & 0xFFFF);
        return (ushort)~Fold(Reduce(sum));
    }

    /// <summary>Reduces a 64-bit sum to a 32-bit partial sum without losing carries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Reduce(ulong sum)
    {
        // The same rotate trick as Fold, one size up.
        return (uint)((sum + BitOperations.RotateLeft(sum, 32)) >> 32);
    }

    /// <summary>
    /// Sums whole 16-byte blocks as native-order 32-bit lanes. Lane overflow is counted in a carry vector
    /// (a compare yields all ones, i.e. -1, where the add wrapped), which is cheaper than widening every load.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong AccumulateVector128(ref byte start, nuint length, ref nuint offset)
    {
        Vector128<uint> sum0 = Vector128<uint>.Zero;
        Vector128<uint> sum1 = Vector128<uint>.Zero;
        Vector128<uint> carry0 = Vector128<uint>.Zero;
        Vector128<uint> carry1 = Vector128<uint>.Zero;

        while (length - offset >= 32)
        {
            Vector128<uint> a = Vector128.LoadUnsafe(ref start, offset).AsUInt32();
            Vector128<uint> b = Vector128.LoadUnsafe(ref start, offset + 16).AsUInt32();
            sum0 += a;
            sum1 += b;
            carry0 -= Vector128.LessThan(sum0, a);
            carry1 -= Vector128.LessThan(sum1, b);
            offset += 32;
        }

        if (length - offset >= 16)
        {
            Vector128<uint> a = Vector128.LoadUnsafe(ref start, offset).AsUInt32();
            sum0 += a;
            carry0 -= Vector128.LessThan(sum0, a);
            offset += 16;
        }

        ulong total = HorizontalSum(sum0) + HorizontalSum(sum1);
        ulong carries = HorizontalSum(carry0) + HorizontalSum(carry1);

        // Each lost carry was worth 2^32, and 2^32 = 1 modulo 0xFFFF (the modulus of end-around-carry addition),
        // so it counts as one.
        return total + carries;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HorizontalSum(Vector128<uint> value) =>
        Vector128.Sum(Vector128.WidenLower(value) + Vector128.WidenUpper(value));
}
