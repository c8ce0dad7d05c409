using System.Net.Sockets;
using Longhaul.Packets;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// A raw IP socket: either a sender of complete, already-encapsulated IPv4/IPv6 packets (the director's
/// egress) or a receiver of one IP protocol such as 4 (IPIP) or 41 (IPv6-in-IP) (the real-server agent's
/// ingress). Per-packet methods return a length/count or -errno, retry EINTR, and never throw or allocate.
/// </summary>
/// <remarks>
/// <para>
/// Senders use protocol IPPROTO_RAW. For IPv4 that implies IP_HDRINCL: the packet handed in starts with our
/// own IPv4 header, so one socket can send IPIP, 6in4 and GUE alike with the outer source and DSCP we chose.
/// The kernel still fills in the header checksum and total length (and the ID when it is 0), routes by the
/// destination, and never fragments: a packet larger than the route's MTU fails with EMSGSIZE, which is why
/// the director checks sizes itself and answers the client with ICMP "fragmentation needed".
/// </para>
/// <para>
/// For IPv6 we set IPV6_HDRINCL (Linux 4.5+) explicitly: without it an AF_INET6 raw socket builds the IPv6
/// header itself from the socket's protocol, so we could not choose the next header (4 or 41) per packet, the
/// source address or the flow label that carries ECMP entropy. With it the kernel sends our bytes as they are
/// (IPv6 has no header checksum to fill in).
/// </para>
/// <para>
/// Receivers: an IPv4 raw socket delivers the whole datagram including the outer IPv4 header. An IPv6 raw
/// socket delivers only the payload after the IPv6 header (the inner packet); the outer source then comes from
/// the socket address, which is why <see cref="Receive"/> always reports the source. While a raw socket for a
/// protocol is open, the kernel counts that protocol as handled and stops answering it with ICMP "protocol
/// unreachable" (IPv6: parameter problem) -- without the ipip module that is exactly what a real server needs.
/// Every raw socket of a protocol gets its own copy of every packet (there is no SO_REUSEPORT spreading for raw
/// sockets), so open one receiver per protocol and family, not one per worker.
/// </para>
/// </remarks>
public sealed class RawSocket : IDisposable
{
    private const string RawHint = "are you root? raw sockets need CAP_NET_RAW";

    private readonly FileDescriptorHandle _handle;
    private readonly int _family;

    private RawSocket(FileDescriptorHandle handle, AddressFamily family, int protocol)
    {
        _handle = handle;
        _family = SocketSetup.ToNative(family);
        Family = family;
        Protocol = protocol;
    }

    public AddressFamily Family { get; }

    /// <summary>The IP protocol received, or 255 (IPPROTO_RAW) for a sender.</summary>
    public int Protocol { get; }

    public bool IsSender => Protocol == IPPROTO_RAW;

    public FileDescriptorHandle Handle => _handle;

    /// <summary>Opens a sender of complete packets of <paramref name="family"/>. Needs root or CAP_NET_RAW.</summary>
    public static RawSocket OpenSender(AddressFamily family, RawSocketOptions? options = null)
    {
        options ??= RawSocketOptions.Default;
        int domain = SocketSetup.ToNative(family);
        string what = $"raw {Name(family)} sender socket (IPPROTO_RAW)";
        FileDescriptorHandle handle = SocketSetup.Open(domain, SOCK_RAW | (options.NonBlocking ? SOCK_NONBLOCK : 0), IPPROTO_RAW, what, RawHint);
        try
        {
            if (domain == AF_INET6)
            {
                SocketSetup.SetOption(handle, IPPROTO_IPV6, IPV6_HDRINCL, 1, $"setting IPV6_HDRINCL on the {what} (needs Linux 4.5+)");
            }

            SocketSetup.SetBufferSizes(handle, options.ReceiveBufferSize, options.SendBufferSize);
            return new RawSocket(handle, family, IPPROTO_RAW);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens a receiver for one IP protocol (e.g. <see cref="IpProtocol.IpInIp"/>). Needs root or CAP_NET_RAW.</summary>
    public static RawSocket OpenReceiver(AddressFamily family, IpProtocol protocol, RawSocketOptions? options = null)
    {
        options ??= RawSocketOptions.Default;
        int domain = SocketSetup.ToNative(family);
        string what = $"raw {Name(family)} receiver socket for protocol {(int)protocol}";
        FileDescriptorHandle handle = SocketSetup.Open(domain, SOCK_RAW | (options.NonBlocking ? SOCK_NONBLOCK : 0), (int)protocol, what, RawHint);
        try
        {
            SocketSetup.SetReceiveTimeout(handle, options.ReceiveTimeout);
            SocketSetup.SetBufferSizes(handle, options.ReceiveBufferSize, options.SendBufferSize);
            return new RawSocket(handle, family, (int)protocol);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one complete packet (starting with its IP header) towards <paramref name="destination"/>, which
    /// should equal the header's destination: the kernel routes by it. Bytes sent or -errno.
    /// </summary>
    public int SendTo(ReadOnlySpan<byte> packet, NetAddress destination) =>
        DatagramIo.SendTo(_handle, _family, packet, destination, 0);

    /// <summary>
    /// One sendmmsg of slots [<paramref name="start"/>, Count): the number sent (fewer means slot start+n
    /// failed; call again from there to get its errno) or -errno of slot <paramref name="start"/>.
    /// </summary>
    public int SendBatch(PacketBatch batch, int start = 0) => DatagramIo.SendBatch(_handle, _family, batch, start);

    /// <summary>
    /// Sends every slot of <paramref name="batch"/>, skipping (and counting in <paramref name="dropped"/>) the
    /// packets the kernel refuses; stops early on EAGAIN. Returns how many were sent.
    /// </summary>
    public int SendAll(PacketBatch batch, out int dropped, out Errno lastError) =>
        DatagramIo.SendAll(_handle, _family, batch, out dropped, out lastError);

    /// <summary>
    /// Receives one packet: IPv4, the whole datagram with its header; IPv6, the payload after the IPv6 header.
    /// Returns its length, -EAGAIN when the receive timeout passed, -EMSGSIZE when it did not fit, or -errno.
    /// </summary>
    public int Receive(Span<byte> buffer, out NetAddress source) =>
        DatagramIo.Receive(_handle, buffer, out source, out _);

    /// <summary>recvmmsg into <paramref name="batch"/>: waits for the first packet only, then takes what is queued.</summary>
    public int ReceiveBatch(PacketBatch batch) => DatagramIo.ReceiveBatch(_handle, batch);

    /// <summary>1 when a receive would not block, 0 after <paramref name="timeoutMilliseconds"/>, or -errno.</summary>
    public int WaitReadable(int timeoutMilliseconds) => PollReadable(_handle, timeoutMilliseconds);

    public void Dispose() => _handle.Dispose();

    private static string Name(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
}
