using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "read", SetLastError = true)]
        private static unsafe partial nint ReadNative(FileDescriptorHandle fd, byte* buffer, nuint count);

        /// <summary>Bytes read (0 at end of file) or -errno. EINTR is retried. Allocation-free.</summary>
        internal static unsafe int Read(FileDescriptorHandle fd, Span<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = ReadNative(fd, p, (nuint)buffer.Length);
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
