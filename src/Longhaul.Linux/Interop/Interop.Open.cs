using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0x0;
        internal const int O_WRONLY = 0x1;
        internal const int O_RDWR = 0x2;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int OpenNative(string path, int flags);

        /// <summary>Opens a file; returns the fd or -errno. EINTR is retried. Setup path (the string is marshalled).</summary>
        internal static int Open(string path, int flags)
        {
            while (true)
            {
                int fd = OpenNative(path, flags | O_CLOEXEC);
                if (fd >= 0)
                {
                    return fd;
                }

                if (!IsInterrupted())
                {
                    return NegativeErrno();
                }
            }
        }
    }
}
