using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const short POLLIN = 0x1;

        [StructLayout(LayoutKind.Sequential)]
        internal struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
        private static unsafe partial int PollNative(PollFd* fds, nuint count, int timeoutMilliseconds);

        /// <summary>
        /// Waits until <paramref name="fd"/> is readable: 1 when readable (or in error/hang-up, which the next
        /// read reports), 0 on timeout, -errno otherwise. EINTR is reported as 0: the caller's loop re-checks its
        /// cancellation token and waits again, which is the retry. Allocation-free.
        /// </summary>
        internal static unsafe int PollReadable(FileDescriptorHandle fd, int timeoutMilliseconds)
        {
            bool added = false;
            try
            {
                fd.DangerousAddRef(ref added);
                PollFd entry = new() { Fd = (int)fd.DangerousGetHandle(), Events = POLLIN };
                int n = PollNative(&entry, 1, timeoutMilliseconds);
                if (n >= 0)
                {
                    return n > 0 ? 1 : 0;
                }

                return IsInterrupted() ? 0 : NegativeErrno();
            }
            finally
            {
                if (added)
                {
                    fd.DangerousRelease();
                }
            }
        }
    }
}
