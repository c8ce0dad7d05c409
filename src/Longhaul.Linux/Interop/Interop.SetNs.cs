using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CLONE_NEWNET = 0x40000000;

        [LibraryImport(Libraries.Libc, EntryPoint = "setns", SetLastError = true)]
        private static partial int SetNsNative(FileDescriptorHandle fd, int namespaceType);

        /// <summary>Moves the calling thread (only) into the namespace behind <paramref name="fd"/>; 0 or -errno.</summary>
        internal static int SetNs(FileDescriptorHandle fd, int namespaceType) =>
            SetNsNative(fd, namespaceType) == 0 ? 0 : NegativeErrno();
    }
}
