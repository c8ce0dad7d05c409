using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "getsockname", SetLastError = true)]
        private static unsafe partial int GetSockNameNative(FileDescriptorHandle fd, byte* address, uint* length);

        /// <summary>The socket's local sockaddr length (written into <paramref name="sockaddr"/>) or -errno.</summary>
        internal static unsafe int GetSockName(FileDescriptorHandle fd, Span<byte> sockaddr)
        {
            uint length = (uint)sockaddr.Length;
            fixed (byte* p = sockaddr)
            {
                return GetSockNameNative(fd, p, &length) == 0 ? (int)length : NegativeErrno();
            }
        }
    }
}
