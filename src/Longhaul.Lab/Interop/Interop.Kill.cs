using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGHUP = 1;
        internal const int SIGTERM = 15;
        internal const int SIGKILL = 9;

        /// <summary>kill(2). Returns 0, or -1 with errno set (ESRCH: no such process).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
