using System.Net.Sockets;
using Longhaul.Packets;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// A bound UDP socket for GUE: receive with the sender's address (the agent checks it against the allowed
/// directors), send, and the batched recvmmsg/sendmmsg forms. Per-packet methods return a length/count or
/// -errno and never throw or allocate.
/// </summary>
/// <remarks>
/// Why not <see cref="Socket"/>: its ReceiveFrom(Span, SocketAddress) is allocation-free, but a receive
/// timeout surfaces as a thrown SocketException every idle interval, it has no recvmmsg, and its source
/// address would still need converting. This wrapper shares <see cref="RawSocket"/>'s code paths instead.
/// </remarks>
public sealed class UdpSocket : IDisposable
{
    private readonly FileDescriptorHandle _handle;
    private readonly int _family;

    private UdpSocket(FileDescriptorHandle handle, AddressFamily family, NetAddress localAddress, ushort localPort)
    {
        _handle = handle;
        _family = SocketSetup.ToNative(family);
        Family = family;
        LocalAddress = localAddress;
        LocalPort = localPort;
    }

    public AddressFamily Family { get; }

    public NetAddress LocalAddress { get; }

    /// <summary>The bound port (the kernel's choice when 0 was asked for).</summary>
    public ushort LocalPort { get; }

    public FileDescriptorHandle Handle => _handle;

    /// <summary>
    /// Binds to <paramref name="address"/>:<paramref name="port"/>. An IPv4 address gives an AF_INET socket;
    /// an IPv6 one (including <see cref="NetAddress.None"/>, i.e. [::]) gives AF_INET6.
    /// </summary>
    public static UdpSocket Bind(NetAddress address, ushort port, UdpSocketOptions? options = null)
    {
        options ??= UdpSocketOptions.Default;
        AddressFamily family = address.IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        int domain = SocketSetup.ToNative(family);
        string where = $"{address}:{port}";
        FileDescriptorHandle handle = SocketSetup.Open(domain, SOCK_DGRAM | (options.NonBlocking ? SOCK_NONBLOCK : 0), IPPROTO_UDP, $"UDP socket for {where}");
        try
        {
            if (options.ReusePort)
            {
                SocketSetup.SetOption(handle, SOL_SOCKET, SO_REUSEPORT, 1, $"setting SO_REUSEPORT for {where}");
            }

            if (domain == AF_INET6)
            {
                SocketSetup.SetOption(handle, IPPROTO_IPV6, IPV6_V6ONLY, options.V6Only ? 1 : 0, $"setting IPV6_V6ONLY for {where}");
            }

            SocketSetup.SetReceiveTimeout(handle, options.ReceiveTimeout);
            SocketSetup.SetBufferSizes(handle, options.ReceiveBufferSize, options.SendBufferSize);

            Span<byte> sockaddr = stackalloc byte[SockAddr.MaxLength];
            int length = SockAddr.Write(domain, address, port, sockaddr);
            int r = Interop.Libc.Bind(handle, sockaddr[..length]);
            if (r < 0)
            {
                throw LinuxException.FromResult(r, $"binding UDP socket to {where}");
            }

            int nameLength = GetSockName(handle, sockaddr);
            if (nameLength < 0 || !SockAddr.TryRead(sockaddr[..nameLength], out NetAddress bound, out ushort boundPort))
            {
                throw LinuxException.FromResult(Math.Min(nameLength, -1), $"reading the bound address of UDP socket {where}");
            }

            return new UdpSocket(handle, family, bound, boundPort);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Sends one datagram; bytes sent or -errno.</summary>
    public int SendTo(ReadOnlySpan<byte> payload, NetAddress destination, ushort port) =>
        DatagramIo.SendTo(_handle, _family, payload, destination, port);

    /// <summary>
    /// Receives one datagram: its length, -EAGAIN when the receive timeout passed, -EMSGSIZE when it did not
    /// fit in <paramref name="buffer"/>, or -errno.
    /// </summary>
    public int Receive(Span<byte> buffer, out NetAddress source, out ushort sourcePort) =>
        DatagramIo.Receive(_handle, buffer, out source, out sourcePort);

    /// <inheritdoc cref="RawSocket.SendBatch"/>
    public int SendBatch(PacketBatch batch, int start = 0) => DatagramIo.SendBatch(_handle, _family, batch, start);

    /// <inheritdoc cref="RawSocket.SendAll"/>
    public int SendAll(PacketBatch batch, out int dropped, out Errno lastError) =>
        DatagramIo.SendAll(_handle, _family, batch, out dropped, out lastError);

    /// <inheritdoc cref="RawSocket.ReceiveBatch"/>
    public int ReceiveBatch(PacketBatch batch) => DatagramIo.ReceiveBatch(_handle, batch);

    /// <inheritdoc cref="RawSocket.WaitReadable"/>
    public int WaitReadable(int timeoutMilliseconds) => PollReadable(_handle, timeoutMilliseconds);

    public void Dispose() => _handle.Dispose();
}
