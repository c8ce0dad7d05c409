using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial uint IfNameToIndexNative(string name);

        /// <summary>The interface index or -errno (ENODEV when there is no such interface).</summary>
        internal static int IfNameToIndex(string name)
        {
            uint index = IfNameToIndexNative(name);
            return index != 0 ? (int)index : NegativeErrno();
        }
    }
}
