using System.Runtime.InteropServices;
using Longhaul.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// errno of the last import declared with <c>SetLastError = true</c>, negated: the value hot-path
        /// wrappers return. Read right after the call, before anything else can overwrite it.
        /// </summary>
        internal static int NegativeErrno() => -Marshal.GetLastPInvokeError();

        internal static bool IsInterrupted() => Marshal.GetLastPInvokeError() == (int)Errno.EINTR;
    }
}
