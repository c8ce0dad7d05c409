using System.Buffers.Binary;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Writes TCP SYNs to the VIP, each from a 5-tuple never used before: the source port walks 16,384 values and
/// then the source address (10.0.0.0/8) moves on, which lasts 2^38 packets. Rather than building each packet,
/// it copies one template and patches address, port and both checksums incrementally (RFC 1624), so the
/// generator costs a few nanoseconds and every packet is still valid.
/// </summary>
public sealed class FreshSynWriter
{
    private const int SourceAddressOffset = 12;
    private const int IpChecksumOffset = 10;
    private const int TcpOffset = Ipv4Header.MinLength;
    private const int TcpChecksumOffset = TcpOffset + 16;
    private const int PortBits = 14;
    private const uint BaseAddress = 0x0A00_0000;
    private const ushort BasePort = 0xC000;

    private readonly byte[] _template;
    private readonly ushort _ipChecksum;
    private readonly ushort _tcpChecksum;
    private long _next;

    public FreshSynWriter(int packetLength)
    {
        int payload = Math.Max(0, packetLength - Ipv4Header.MinLength - TcpHeader.MinLength);
        _template = new byte[Ipv4Header.MinLength + TcpHeader.MinLength + payload];
        Length = SyntheticPackets.WriteTcp(
            _template, NetAddress.FromV4(BaseAddress), BenchDeployment.Vip, BasePort, BenchDeployment.ServicePort, SyntheticPackets.Syn, payload);
        _ipChecksum = BinaryPrimitives.ReadUInt16BigEndian(_template.AsSpan(IpChecksumOffset));
        _tcpChecksum = BinaryPrimitives.ReadUInt16BigEndian(_template.AsSpan(TcpChecksumOffset));
    }

    public int Length { get; }

    /// <summary>SYNs written so far.</summary>
    public long Written => _next;

    /// <summary>Writes the next SYN at the start of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        long n = _next++;
        uint address = BaseAddress + (uint)((n >> PortBits) & 0x00FF_FFFF);
        ushort port = (ushort)(BasePort + (n & ((1 << PortBits) - 1)));
        Span<byte> packet = destination[..Length];
        _template.CopyTo(packet);
        BinaryPrimitives.WriteUInt32BigEndian(packet[SourceAddressOffset..], address);
        BinaryPrimitives.WriteUInt16BigEndian(packet[TcpOffset..], port);
        BinaryPrimitives.WriteUInt16BigEndian(
            packet[IpChecksumOffset..], InternetChecksum.UpdateIncremental(_ipChecksum, BaseAddress, address));
        ushort tcp = InternetChecksum.UpdateIncremental(_tcpChecksum, BaseAddress, address);
        tcp = InternetChecksum.UpdateIncremental(tcp, BasePort, port);
        BinaryPrimitives.WriteUInt16BigEndian(packet[TcpChecksumOffset..], tcp);
    }
}
