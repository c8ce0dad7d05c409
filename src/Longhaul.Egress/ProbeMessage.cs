using System.Buffers.Binary;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// A view over the 56-byte payload every egress probe and reply carries:
/// magic "LHEG", version, kind, attempt, reserved, a 16-byte random token, the real server's address and the VIP
/// (each as 16 bytes, IPv4 mapped). The addresses make a reply self-describing: the VIP reply's source is the same
/// for every real of a VIP, so without them the receiver could not say which real sent it.
/// </summary>
public readonly ref struct ProbeMessage
{
    public const int Length = 56;
    public const uint Magic = 0x4C48_4547; // "LHEG"
    public const byte Version = 1;

    private readonly ReadOnlySpan<byte> _bytes;

    private ProbeMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    public ProbeKind Kind => (ProbeKind)_bytes[5];

    /// <summary>Which send of the same target this was (0-based); replies echo it.</summary>
    public byte Attempt => _bytes[6];

    public UInt128 Token => BinaryPrimitives.ReadUInt128BigEndian(_bytes[8..]);

    public NetAddress Real => NetAddress.FromV6Bytes(_bytes.Slice(24, 16));

    public NetAddress Vip => NetAddress.FromV6Bytes(_bytes.Slice(40, 16));

    /// <summary>Accepts a UDP payload that is at least one whole message with our magic, version and a known kind.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out ProbeMessage message)
    {
        message = default;
        if (payload.Length < Length
            || BinaryPrimitives.ReadUInt32BigEndian(payload) != Magic
            || payload[4] != Version
            || payload[5] is < (byte)ProbeKind.TunnelProbe or > (byte)ProbeKind.ManualControl)
        {
            return false;
        }

        message = new ProbeMessage(payload[..Length]);
        return true;
    }

    /// <summary>Writes a message into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, ProbeKind kind, byte attempt, UInt128 token, in NetAddress real, in NetAddress vip)
    {
        Span<byte> bytes = destination[..Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Magic);
        bytes[4] = Version;
        bytes[5] = (byte)kind;
        bytes[6] = attempt;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt128BigEndian(bytes[8..], token);
        real.WriteV6(bytes.Slice(24, 16));
        vip.WriteV6(bytes.Slice(40, 16));
    }
}
