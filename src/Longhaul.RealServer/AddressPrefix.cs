using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// An IPv4 or IPv6 prefix (CIDR) matched against <see cref="NetAddress"/> values with two masked 64-bit
/// compares, so the per-packet allow-list check neither allocates nor branches on the family more than once.
/// </summary>
/// <remarks>
/// Families never mix: an IPv4 prefix (also when written IPv4-mapped, "::ffff:192.0.2.0/120") matches only IPv4
/// sources and an IPv6 prefix only IPv6 ones, so "::/0" does not quietly open the agent to every IPv4 sender.
/// </remarks>
public readonly struct AddressPrefix : IEquatable<AddressPrefix>
{
    private const int MappedPrefixBits = 96;

    private readonly ulong _networkHigh;
    private readonly ulong _networkLow;
    private readonly ulong _maskHigh;
    private readonly ulong _maskLow;

    public AddressPrefix(NetAddress address, int prefixLength)
    {
        int familyBits = address.IsIPv4 ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, familyBits);

        // IPv4 lives in the low 32 bits of the mapped form; the mapped prefix bits are always compared so an
        // IPv4 prefix cannot match an IPv6 address that happens to end in the same 32 bits.
        int bits = address.IsIPv4 ? MappedPrefixBits + prefixLength : prefixLength;
        UInt128 mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        _maskHigh = (ulong)(mask >> 64);
        _maskLow = (ulong)mask;
        _networkHigh = address.High & _maskHigh;
        _networkLow = address.Low & _maskLow;
        IsIPv4 = address.IsIPv4;
        PrefixLength = prefixLength;
    }

    public bool IsIPv4 { get; }

    /// <summary>Within the family: 0..32 for IPv4, 0..128 for IPv6.</summary>
    public int PrefixLength { get; }

    public NetAddress Network => NetAddress.FromParts(_networkHigh, _networkLow);

    /// <summary>True when <paramref name="address"/> lies in this prefix (and is of the same family).</summary>
    public bool Contains(NetAddress address) =>
        address.IsIPv4 == IsIPv4
        && (address.High & _maskHigh) == _networkHigh
        && (address.Low & _maskLow) == _networkLow;

    /// <summary>"a.b.c.d/n", "x::y/n", or a bare address meaning one host (/32 or /128).</summary>
    public static AddressPrefix Parse(string text) => TryParse(text, out AddressPrefix prefix)
        ? prefix
        : throw new FormatException($"'{text}' is not an address or a prefix such as 192.0.2.0/24 or 2001:db8::/64.");

    public static bool TryParse(string? text, out AddressPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        if (!NetAddress.TryParse(addressText, out NetAddress address))
        {
            return false;
        }

        // NetAddress folds "::ffff:a.b.c.d" into IPv4, but its prefix length was written in IPv6 bits.
        bool writtenAsV6 = addressText.Contains(':', StringComparison.Ordinal);
        int length = address.IsIPv4 ? 32 : 128;
        if (slash >= 0)
        {
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                return false;
            }

            if (address.IsIPv4 && writtenAsV6)
            {
                if (length is < MappedPrefixBits or > 128)
                {
                    return false;
                }

                length -= MappedPrefixBits;
            }
        }

        if (length > (address.IsIPv4 ? 32 : 128))
        {
            return false;
        }

        prefix = new AddressPrefix(address, length);
        return true;
    }

    public bool Equals(AddressPrefix other) =>
        _networkHigh == other._networkHigh && _networkLow == other._networkLow && _maskHigh == other._maskHigh && _maskLow == other._maskLow;

    public override bool Equals(object? obj) => obj is AddressPrefix other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_networkHigh, _networkLow, _maskHigh, _maskLow);

    public static bool operator ==(AddressPrefix left, AddressPrefix right) => left.Equals(right);

    public static bool operator !=(AddressPrefix left, AddressPrefix right) => !left.Equals(right);

    public override string ToString() => $"{Network}/{PrefixLength}";
}
