using System.Buffers.Binary;

namespace Longhaul.Packets.Tests;

/// <summary>
/// Test-only builder of well-formed packets, written independently of the code under test: it computes
/// checksums with the textbook scalar loop and lays out headers byte by byte.
/// </summary>
internal sealed class PacketBuilder
{
    private readonly bool _isV6;
    private readonly NetAddress _source;
    private readonly NetAddress _destination;
    private readonly List<(IpProtocol Type, byte[] Body)> _extensions = [];
    private IpProtocol _protocol = IpProtocol.Tcp;
    private byte[] _transport = [];
    private byte[] _ipv4Options = [];
    private byte _trafficClass;
    private uint _flowLabel;
    private byte _ttl = 64;
    private ushort _identification = 0x1234;
    private bool _dontFragment = true;
    private int _fragmentOffset;
    private bool _moreFragments;
    private int _trailing;

    private PacketBuilder(bool isV6, NetAddress source, NetAddress destination)
    {
        _isV6 = isV6;
        _source = source;
        _destination = destination;
    }

    public static PacketBuilder V4(string source = "198.51.100.7", string destination = "203.0.113.10") =>
        new(false, NetAddress.Parse(source), NetAddress.Parse(destination));

    public static PacketBuilder V6(string source = "2001:db8:1::7", string destination = "2001:db8:ffff::10") =>
        new(true, NetAddress.Parse(source), NetAddress.Parse(destination));

    public PacketBuilder Tcp(ushort sourcePort, ushort destinationPort, byte flags = TcpFlagBits.Syn, byte[]? options = null, byte[]? payload = null)
    {
        byte[] opts = Pad4(options ?? []);
        payload ??= [];
        byte[] segment = new byte[20 + opts.Length + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), 0x01020304);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), 0x0A0B0C0D);
        segment[12] = (byte)(((20 + opts.Length) / 4) << 4);
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 65535);
        opts.CopyTo(segment, 20);
        payload.CopyTo(segment, 20 + opts.Length);
        _protocol = IpProtocol.Tcp;
        _transport = segment;
        return this;
    }

    public PacketBuilder Udp(ushort sourcePort, ushort destinationPort, byte[]? payload = null)
    {
        payload ??= [];
        byte[] datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        _protocol = IpProtocol.Udp;
        _transport = datagram;
        return this;
    }

    /// <summary>ICMP (v4 packet) or ICMPv6 (v6 packet) with the given payload, e.g. a quoted packet.</summary>
    public PacketBuilder Icmp(byte type, byte code, uint restOfHeader = 0, byte[]? payload = null)
    {
        payload ??= [];
        byte[] message = new byte[8 + payload.Length];
        message[0] = type;
        message[1] = code;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), restOfHeader);
        payload.CopyTo(message, 8);
        _protocol = _isV6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp;
        _transport = message;
        return this;
    }

    /// <summary>Any protocol with an opaque body (also used for non-first fragments, which have no transport header).</summary>
    public PacketBuilder Raw(IpProtocol protocol, byte[] body)
    {
        _protocol = protocol;
        _transport = body;
        return this;
    }

    public PacketBuilder TrafficClass(byte value)
    {
        _trafficClass = value;
        return this;
    }

    public PacketBuilder FlowLabel(uint value)
    {
        _flowLabel = value;
        return this;
    }

    public PacketBuilder Ttl(byte value)
    {
        _ttl = value;
        return this;
    }

    public PacketBuilder Identification(ushort value)
    {
        _identification = value;
        return this;
    }

    public PacketBuilder DontFragment(bool value)
    {
        _dontFragment = value;
        return this;
    }

    public PacketBuilder Ipv4Options(byte[] options)
    {
        _ipv4Options = Pad4(options);
        return this;
    }

    /// <summary>Extra bytes after the declared length, like Ethernet padding.</summary>
    public PacketBuilder Trailing(int count)
    {
        _trailing = count;
        return this;
    }

    /// <summary>IPv4: sets offset/MF. IPv6: appends a fragment header at this point of the extension chain.</summary>
    public PacketBuilder Fragment(int offsetUnits, bool more, uint identification = 0xCAFEBABE)
    {
        if (_isV6)
        {
            byte[] body = new byte[8];
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), (ushort)((offsetUnits << 3) | (more ? 1 : 0)));
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), identification);
            _extensions.Add((IpProtocol.Ipv6Fragment, body));
        }
        else
        {
            _fragmentOffset = offsetUnits;
            _moreFragments = more;
        }

        return this;
    }

    /// <summary>Appends an IPv6 extension header (hop-by-hop, routing, destination options or AH) of about <paramref name="length"/> bytes.</summary>
    public PacketBuilder Extension(IpProtocol type, int length = 8)
    {
        byte[] body;
        if (type == IpProtocol.Ah)
        {
            length = Math.Max(12, (length + 3) / 4 * 4);
            body = new byte[length];
            body[1] = (byte)(length / 4 - 2);
        }
        else
        {
            length = Math.Max(8, (length + 7) / 8 * 8);
            body = new byte[length];
            body[1] = (byte)(length / 8 - 1);
            if (type is IpProtocol.HopByHop or IpProtocol.Ipv6DestinationOptions)
            {
                // PadN option filling the header.
                body[2] = 1;
                body[3] = (byte)(length - 4);
            }
        }

        _extensions.Add((type, body));
        return this;
    }

    public byte[] Build()
    {
        byte[] transport = (byte[])_transport.Clone();
        FillTransportChecksum(transport);
        return _isV6 ? BuildV6(transport) : BuildV4(transport);
    }

    private byte[] BuildV4(byte[] transport)
    {
        int headerLength = 20 + _ipv4Options.Length;
        byte[] packet = new byte[headerLength + transport.Length + _trailing];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        packet[1] = _trafficClass;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(headerLength + transport.Length));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), _identification);
        int flags = (_dontFragment ? 0x4000 : 0) | (_moreFragments ? 0x2000 : 0) | _fragmentOffset;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)flags);
        packet[8] = _ttl;
        packet[9] = (byte)_protocol;
        _source.WriteV4(packet.AsSpan(12));
        _destination.WriteV4(packet.AsSpan(16));
        _ipv4Options.CopyTo(packet, 20);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), ReferenceChecksum(packet.AsSpan(0, headerLength), 0));
        transport.CopyTo(packet, headerLength);
        FillTrailing(packet, headerLength + transport.Length);
        return packet;
    }

    private byte[] BuildV6(byte[] transport)
    {
        int extensionLength = _extensions.Sum(e => e.Body.Length);
        int payloadLength = extensionLength + transport.Length;
        byte[] packet = new byte[40 + payloadLength + _trailing];
        uint first = (6u << 28) | ((uint)_trafficClass << 20) | (_flowLabel & 0xFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(packet, first);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payloadLength);
        packet[6] = (byte)(_extensions.Count > 0 ? _extensions[0].Type : _protocol);
        packet[7] = _ttl;
        _source.WriteV6(packet.AsSpan(8));
        _destination.WriteV6(packet.AsSpan(24));
        int offset = 40;
        for (int i = 0; i < _extensions.Count; i++)
        {
            byte[] body = (byte[])_extensions[i].Body.Clone();
            body[0] = (byte)(i + 1 < _extensions.Count ? _extensions[i + 1].Type : _protocol);
            body.CopyTo(packet, offset);
            offset += body.Length;
        }

        transport.CopyTo(packet, offset);
        FillTrailing(packet, offset + transport.Length);
        return packet;
    }

    private void FillTransportChecksum(byte[] transport)
    {
        bool firstOrWhole = _fragmentOffset == 0 && !_extensions.Any(e => e.Type == IpProtocol.Ipv6Fragment && (BinaryPrimitives.ReadUInt16BigEndian(e.Body.AsSpan(2)) >> 3) != 0);
        int checksumAt = _protocol switch
        {
            IpProtocol.Tcp => 16,
            IpProtocol.Udp => 6,
            IpProtocol.Icmp or IpProtocol.Icmpv6 => 2,
            _ => -1,
        };
        if (!firstOrWhole || checksumAt < 0 || transport.Length < checksumAt + 2)
        {
            return;
        }

        uint pseudo = 0;
        if (_protocol != IpProtocol.Icmp)
        {
            pseudo = _isV6 ? PseudoV6(transport.Length) : PseudoV4(transport.Length);
        }

        ushort checksum = ReferenceChecksum(transport, pseudo);
        if (_protocol == IpProtocol.Udp && checksum == 0)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(transport.AsSpan(checksumAt), checksum);
    }

    private uint PseudoV4(int length)
    {
        byte[] pseudo = new byte[12];
        _source.WriteV4(pseudo);
        _destination.WriteV4(pseudo.AsSpan(4));
        pseudo[9] = (byte)_protocol;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)length);
        return WordSum(pseudo);
    }

    private uint PseudoV6(int length)
    {
        byte[] pseudo = new byte[40];
        _source.WriteV6(pseudo);
        _destination.WriteV6(pseudo.AsSpan(16));
        BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), (uint)length);
        pseudo[39] = (byte)_protocol;
        return WordSum(pseudo);
    }

    private static void FillTrailing(byte[] packet, int from)
    {
        for (int i = from; i < packet.Length; i++)
        {
            packet[i] = 0xEE;
        }
    }

    /// <summary>Plain 32-bit sum of big-endian 16-bit words (no folding).</summary>
    internal static uint WordSum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0u);
        }

        return sum;
    }

    /// <summary>RFC 1071 checksum done the slow, obvious way.</summary>
    internal static ushort ReferenceChecksum(ReadOnlySpan<byte> data, uint initial)
    {
        ulong sum = (ulong)WordSum(data) + initial;
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static byte[] Pad4(byte[] bytes)
    {
        byte[] padded = new byte[(bytes.Length + 3) / 4 * 4];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
