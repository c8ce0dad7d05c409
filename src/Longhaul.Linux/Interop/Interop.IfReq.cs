using System.Runtime.InteropServices;
using System.Text;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>IFNAMSIZ: interface names are at most 15 bytes plus the terminating NUL.</summary>
        internal const int InterfaceNameSize = 16;

        internal const short IFF_UP = 0x1;
        internal const short IFF_TUN = 0x0001;
        internal const short IFF_MULTI_QUEUE = 0x0100;
        internal const short IFF_NO_PI = 0x1000;

        /// <summary>
        /// <c>struct ifreq</c>: a 16-byte name followed by a 24-byte union (the largest member, <c>struct ifmap</c>,
        /// is 24 bytes on 64-bit). Only the members Longhaul uses are mapped.
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 40)]
        internal unsafe struct IfReq
        {
            [FieldOffset(0)]
            public fixed byte Name[InterfaceNameSize];

            /// <summary><c>ifr_flags</c> (link flags for SIOC[GS]IFFLAGS, TUN flags for TUNSETIFF).</summary>
            [FieldOffset(16)]
            public short Flags;

            /// <summary><c>ifr_mtu</c>.</summary>
            [FieldOffset(16)]
            public int Mtu;

            public static IfReq ForName(string name)
            {
                IfReq request = default;
                Span<byte> destination = new(request.Name, InterfaceNameSize - 1);
                Encoding.ASCII.GetBytes(name, destination);
                return request;
            }

            public readonly string GetName()
            {
                fixed (byte* p = Name)
                {
                    ReadOnlySpan<byte> bytes = new(p, InterfaceNameSize);
                    int end = bytes.IndexOf((byte)0);
                    return Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
                }
            }
        }
    }
}
