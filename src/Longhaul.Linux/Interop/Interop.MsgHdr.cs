using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>struct msghdr</c> (natural alignment; 56 bytes on 64-bit).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct MsgHdr
        {
            public byte* Name;
            public uint NameLength;
            public IoVec* Iov;
            public nuint IovLength;
            public void* Control;
            public nuint ControlLength;
            public int Flags;
        }
    }
}
