using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>struct timeval</c> with 64-bit fields (64-bit Linux).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TimeVal
        {
            public long Seconds;
            public long Microseconds;

            public static TimeVal From(TimeSpan span)
            {
                long micros = span.Ticks / TimeSpan.TicksPerMicrosecond;
                return new TimeVal { Seconds = micros / 1_000_000, Microseconds = micros % 1_000_000 };
            }
        }
    }
}
