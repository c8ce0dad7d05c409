using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AF_INET = 2;
        internal const int AF_INET6 = 10;

        internal const int SOCK_DGRAM = 2;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_NONBLOCK = 0x800;
        internal const int SOCK_CLOEXEC = 0x80000;

        internal const int IPPROTO_IP = 0;
        internal const int IPPROTO_UDP = 17;
        internal const int IPPROTO_IPV6 = 41;
        internal const int IPPROTO_RAW = 255;

        [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
        private static partial int SocketNative(int domain, int type, int protocol);

        /// <summary>Creates a close-on-exec socket; returns the fd or -errno.</summary>
        internal static int Socket(int domain, int type, int protocol)
        {
            int fd = SocketNative(domain, type | SOCK_CLOEXEC, protocol);
            return fd >= 0 ? fd : NegativeErrno();
        }
    }
}
