using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>_IOW('T', 202, int): attach this /dev/net/tun fd to a (new or existing) TUN/TAP device.</summary>
        internal const uint TUNSETIFF = 0x400454CA;
        internal const uint SIOCGIFFLAGS = 0x8913;
        internal const uint SIOCSIFFLAGS = 0x8914;
        internal const uint SIOCGIFMTU = 0x8921;
        internal const uint SIOCSIFMTU = 0x8922;

        // ioctl is variadic in C. Declaring the third argument as a pointer is safe on the System V x86-64 and
        // AAPCS64 (Linux) ABIs, where a variadic pointer argument is passed exactly like a fixed one.
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        private static unsafe partial int IoctlNative(FileDescriptorHandle fd, nuint request, void* argument);

        /// <summary>ioctl with an <c>ifreq</c> argument; 0 or -errno. EINTR is retried.</summary>
        internal static unsafe int Ioctl(FileDescriptorHandle fd, uint request, ref IfReq ifreq)
        {
            fixed (IfReq* p = &ifreq)
            {
                while (true)
                {
                    if (IoctlNative(fd, request, p) >= 0)
                    {
                        return 0;
                    }

                    if (!IsInterrupted())
                    {
                        return NegativeErrno();
                    }
                }
            }
        }
    }
}
