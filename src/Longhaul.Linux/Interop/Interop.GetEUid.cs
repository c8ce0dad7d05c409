using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // geteuid cannot fail, so no SetLastError.
        [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
        internal static partial uint GetEUid();
    }
}
