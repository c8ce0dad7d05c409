using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "close", SetLastError = true)]
        private static partial int CloseNative(int fd);

        /// <summary>
        /// Closes an fd. Never retried on EINTR: on Linux the descriptor is released even then, and a retry
        /// could close an fd another thread has just been given.
        /// </summary>
        internal static int Close(int fd) => CloseNative(fd) == 0 ? 0 : NegativeErrno();
    }
}
