using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>struct mmsghdr</c>: a msghdr plus the byte count the kernel reports (64 bytes on 64-bit).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MMsgHdr
        {
            public MsgHdr Header;
            public uint Length;
        }
    }
}
