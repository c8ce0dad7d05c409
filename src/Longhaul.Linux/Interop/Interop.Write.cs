using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "write", SetLastError = true)]
        private static unsafe partial nint WriteNative(FileDescriptorHandle fd, byte* buffer, nuint count);

        /// <summary>Bytes written or -errno. EINTR is retried. Allocation-free.</summary>
        internal static unsafe int Write(FileDescriptorHandle fd, ReadOnlySpan<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = WriteNative(fd, p, (nuint)buffer.Length);
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
