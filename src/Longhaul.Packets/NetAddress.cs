using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>
/// An IPv4 or IPv6 address as a 16-byte value, for the per-packet path where <see cref="IPAddress"/>
/// (a class) would allocate. IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so one type and one
/// comparison serve both families and a flow key has a fixed size.
/// </summary>
public readonly struct NetAddress : IEquatable<NetAddress>, IComparable<NetAddress>
{
    private const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000UL;

    /// <summary>Network-order bytes 0..7.</summary>
    private readonly ulong _high;

    /// <summary>Network-order bytes 8..15.</summary>
    private readonly ulong _low;

    private NetAddress(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    public static NetAddress None => default;

    public bool IsIPv4
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _high == 0 && (_low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefixLow;
    }

    /// <summary>True for the all-zero address (unset), which no real packet carries as a key.</summary>
    public bool IsNone => _high == 0 && _low == 0;

    /// <summary>The IPv4 address as a host-order integer (a.b.c.d = a&lt;&lt;24 | ...). Only meaningful when <see cref="IsIPv4"/>.</summary>
    public uint V4 => (uint)_low;

    public ulong High => _high;

    public ulong Low => _low;

    public static NetAddress FromV4(uint hostOrder) => new(0, MappedPrefixLow | hostOrder);

    /// <summary>Reads 4 network-order bytes.</summary>
    public static NetAddress FromV4Bytes(ReadOnlySpan<byte> fourBytes) =>
        FromV4(BinaryPrimitives.ReadUInt32BigEndian(fourBytes));

    /// <summary>Reads 16 network-order bytes.</summary>
    public static NetAddress FromV6Bytes(ReadOnlySpan<byte> sixteenBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes),
            BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]));

    public static NetAddress FromParts(ulong high, ulong low) => new(high, low);

    /// <summary>Writes the 4 (IPv4) network-order bytes.</summary>
    public void WriteV4(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, V4);

    /// <summary>Writes the 16 network-order bytes (IPv4-mapped for IPv4 addresses).</summary>
    public void WriteV6(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>Control-plane conversion; allocates nothing but is not meant for the packet path.</summary>
    public static NetAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromV4Bytes(bytes);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return FromIPAddress(address.MapToIPv4());
        }

        address.TryWriteBytes(bytes, out _);
        return FromV6Bytes(bytes);
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIPv4)
        {
            WriteV4(bytes);
            return new IPAddress(bytes[..4]);
        }

        WriteV6(bytes);
        return new IPAddress(bytes);
    }

    public static NetAddress Parse(string text) => TryParse(text, out NetAddress address)
        ? address
        : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address.");

    public static bool TryParse(string? text, out NetAddress address)
    {
        if (IPAddress.TryParse(text, out IPAddress? parsed) && parsed is not null)
        {
            address = FromIPAddress(parsed);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>This address with every bit past <paramref name="prefixLength"/> cleared (prefix counted within the family).</summary>
    public NetAddress Mask(int prefixLength)
    {
        int bits = IsIPv4 ? 96 + Math.Clamp(prefixLength, 0, 32) : Math.Clamp(prefixLength, 0, 128);
        UInt128 value = new(_high, _low);
        UInt128 mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        UInt128 masked = value & mask;
        return new NetAddress((ulong)(masked >> 64), (ulong)masked);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(NetAddress other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is NetAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    public int CompareTo(NetAddress other)
    {
        int c = _high.CompareTo(other._high);
        return c != 0 ? c : _low.CompareTo(other._low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(NetAddress left, NetAddress right) => left.Equals(right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(NetAddress left, NetAddress right) => !left.Equals(right);

    public static bool operator <(NetAddress left, NetAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(NetAddress left, NetAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(NetAddress left, NetAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(NetAddress left, NetAddress right) => left.CompareTo(right) >= 0;

    public override string ToString() => ToIPAddress().ToString();
}
