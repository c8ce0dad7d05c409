using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "sendmmsg", SetLastError = true)]
        private static unsafe partial int SendMmsgNative(FileDescriptorHandle fd, MMsgHdr* messages, uint count, int flags);

        /// <summary>
        /// Number of messages sent (at least 1) or -errno of the first message. EINTR is retried.
        /// A short count means message [count] failed; sending it again reports its errno.
        /// </summary>
        internal static unsafe int SendMmsg(FileDescriptorHandle fd, MMsgHdr* messages, int count)
        {
            while (true)
            {
                int n = SendMmsgNative(fd, messages, (uint)count, 0);
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
