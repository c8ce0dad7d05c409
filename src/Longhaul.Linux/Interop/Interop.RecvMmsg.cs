using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "recvmmsg", SetLastError = true)]
        private static unsafe partial int RecvMmsgNative(FileDescriptorHandle fd, MMsgHdr* messages, uint count, int flags, void* timeout);

        /// <summary>
        /// Messages received or -errno. Uses MSG_WAITFORONE so a blocking socket waits (up to SO_RCVTIMEO) for
        /// the first datagram only and returns at once with whatever else is queued. EINTR is retried.
        /// </summary>
        internal static unsafe int RecvMmsg(FileDescriptorHandle fd, MMsgHdr* messages, int count)
        {
            while (true)
            {
                int n = RecvMmsgNative(fd, messages, (uint)count, MSG_WAITFORONE, null);
                if (n >= 0)
                {
                    return n;
                }

                if (!IsInterrupted())
                {
                    return NegativeErrno();
                }
            }
        }
    }
}
