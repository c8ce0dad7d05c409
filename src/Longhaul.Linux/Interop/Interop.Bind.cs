using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
        private static unsafe partial int BindNative(FileDescriptorHandle fd, byte* address, uint length);

        /// <summary>Binds to an encoded sockaddr; 0 or -errno.</summary>
        internal static unsafe int Bind(FileDescriptorHandle fd, ReadOnlySpan<byte> sockaddr)
        {
            fixed (byte* p = sockaddr)
            {
                return BindNative(fd, p, (uint)sockaddr.Length) == 0 ? 0 : NegativeErrno();
            }
        }
    }
}
