using System.Net.Sockets;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>Control-plane helpers that create sockets and set options, throwing <see cref="LinuxException"/>.</summary>
internal static class SocketSetup
{
    public static int ToNative(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => AF_INET,
        AddressFamily.InterNetworkV6 => AF_INET6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Only InterNetwork and InterNetworkV6 are supported."),
    };

    public static FileDescriptorHandle Open(int domain, int type, int protocol, string what, string? hint = null)
    {
        int fd = Socket(domain, type, protocol);
        if (fd < 0)
        {
            // A caller's hint explains permissions; for other errors it would only mislead.
            Errno errno = ErrnoExtensions.FromResult(fd);
            throw new LinuxException(errno, $"creating {what}", errno is Errno.EPERM or Errno.EACCES ? hint : null);
        }

        return new FileDescriptorHandle(fd);
    }

    public static void SetOption(FileDescriptorHandle fd, int level, int name, int value, string what)
    {
        int r = SetSockOpt(fd, level, name, value);
        if (r < 0)
        {
            throw LinuxException.FromResult(r, what);
        }
    }

    public static void SetReceiveTimeout(FileDescriptorHandle fd, TimeSpan? timeout)
    {
        if (timeout is not { } value || value <= TimeSpan.Zero)
        {
            return;
        }

        int r = SetSockOpt(fd, SOL_SOCKET, SO_RCVTIMEO, TimeVal.From(value));
        if (r < 0)
        {
            throw LinuxException.FromResult(r, $"setting SO_RCVTIMEO to {value.TotalMilliseconds} ms");
        }
    }

    public static void SetBufferSizes(FileDescriptorHandle fd, int? receiveBufferSize, int? sendBufferSize)
    {
        if (receiveBufferSize is { } receive)
        {
            SetOption(fd, SOL_SOCKET, SO_RCVBUF, receive, $"setting SO_RCVBUF to {receive}");
        }

        if (sendBufferSize is { } send)
        {
            SetOption(fd, SOL_SOCKET, SO_SNDBUF, send, $"setting SO_SNDBUF to {send}");
        }
    }
}
