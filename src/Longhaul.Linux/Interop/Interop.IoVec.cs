using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>struct iovec</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct IoVec
        {
            public byte* Base;
            public nuint Length;
        }
    }
}
