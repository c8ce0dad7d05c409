internal static partial class Interop
{
    internal static class Libraries
    {
        /// <summary>glibc (or musl). Resolved by the runtime's probing as libc.so.6.</summary>
        internal const string Libc = "libc";
    }
}
