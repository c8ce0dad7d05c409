using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SOL_SOCKET = 1;
        internal const int SO_REUSEADDR = 2;
        internal const int SO_SNDBUF = 7;
        internal const int SO_RCVBUF = 8;
        internal const int SO_REUSEPORT = 15;

        /// <summary>SO_RCVTIMEO_OLD, which on 64-bit Linux takes a 64-bit <c>struct timeval</c>.</summary>
        internal const int SO_RCVTIMEO = 20;

        internal const int IP_HDRINCL = 3;
        internal const int IPV6_V6ONLY = 26;

        /// <summary>Linux 4.5+: the IPv6 counterpart of IP_HDRINCL.</summary>
        internal const int IPV6_HDRINCL = 36;

        [LibraryImport(Libraries.Libc, EntryPoint = "setsockopt", SetLastError = true)]
        private static unsafe partial int SetSockOptNative(FileDescriptorHandle fd, int level, int name, void* value, uint length);

        /// <summary>Sets an int option; 0 or -errno.</summary>
        internal static unsafe int SetSockOpt(FileDescriptorHandle fd, int level, int name, int value) =>
            SetSockOptNative(fd, level, name, &value, sizeof(int)) == 0 ? 0 : NegativeErrno();

        /// <summary>Sets a <c>struct timeval</c> option such as SO_RCVTIMEO; 0 or -errno.</summary>
        internal static unsafe int SetSockOpt(FileDescriptorHandle fd, int level, int name, TimeVal value) =>
            SetSockOptNative(fd, level, name, &value, (uint)sizeof(TimeVal)) == 0 ? 0 : NegativeErrno();
    }
}
