using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "sendto", SetLastError = true)]
        private static unsafe partial nint SendToNative(
            FileDescriptorHandle fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

        /// <summary>Bytes sent or -errno. EINTR is retried. Allocation-free.</summary>
        internal static unsafe int SendTo(FileDescriptorHandle fd, ReadOnlySpan<byte> buffer, ReadOnlySpan<byte> sockaddr)
        {
            fixed (byte* p = buffer)
            fixed (byte* a = sockaddr)
            {
                while (true)
                {
                    nint n = SendToNative(fd, p, (nuint)buffer.Length, 0, a, (uint)sockaddr.Length);
                    if (n >= 0)
                    {
                        return (int)n;
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
