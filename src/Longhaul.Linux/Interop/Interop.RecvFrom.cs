using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Return the real datagram length even when it did not fit, so truncation is detectable.</summary>
        internal const int MSG_TRUNC = 0x20;
        internal const int MSG_DONTWAIT = 0x40;

        /// <summary>recvmmsg: block for the first message only, then take what is already queued.</summary>
        internal const int MSG_WAITFORONE = 0x10000;

        [LibraryImport(Libraries.Libc, EntryPoint = "recvfrom", SetLastError = true)]
        private static unsafe partial nint RecvFromNative(
            FileDescriptorHandle fd, byte* buffer, nuint length, int flags, byte* address, uint* addressLength);

        /// <summary>
        /// Receives one datagram with MSG_TRUNC: the result is the datagram's full length (which may exceed
        /// the buffer) or -errno; <paramref name="sockaddrLength"/> gets the source address length.
        /// EINTR is retried. Allocation-free.
        /// </summary>
        internal static unsafe int RecvFrom(FileDescriptorHandle fd, Span<byte> buffer, Span<byte> sockaddr, out int sockaddrLength)
        {
            fixed (byte* p = buffer)
            fixed (byte* a = sockaddr)
            {
                while (true)
                {
                    uint length = (uint)sockaddr.Length;
                    nint n = RecvFromNative(fd, p, (nuint)buffer.Length, MSG_TRUNC, a, &length);
                    if (n >= 0)
                    {
                        sockaddrLength = (int)length;
                        return (int)n;
                    }

                    if (!IsInterrupted())
                    {
                        sockaddrLength = 0;
                        return NegativeErrno();
                    }
                }
            }
        }
    }
}
