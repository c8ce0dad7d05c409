using System.Runtime.InteropServices;

namespace Longhaul.Linux;

public static class ErrnoExtensions
{
    /// <summary>
    /// The errno carried by a hot-path result: <see cref="Errno.None"/> for a length or count (&gt;= 0),
    /// otherwise the negated value. <c>EAGAIN</c> after a receive means "timed out, nothing arrived".
    /// </summary>
    public static Errno FromResult(int result) => result >= 0 ? Errno.None : (Errno)(-result);

    /// <summary>The hot-path form of an errno: <c>-(int)errno</c>.</summary>
    public static int AsResult(this Errno errno) => -(int)errno;

    /// <summary>"EPERM (Operation not permitted)": the symbolic name and libc's text. Control plane only.</summary>
    public static string Describe(this Errno errno)
    {
        string text = Marshal.GetPInvokeErrorMessage((int)errno);
        string name = Enum.IsDefined(errno) ? errno.ToString() : $"errno {(int)errno}";
        return $"{name} ({text})";
    }

    /// <summary>Errors a packet loop expects under load or on idle, which mean "drop or retry", not "broken".</summary>
    public static bool IsTransient(this Errno errno) =>
        errno is Errno.EAGAIN or Errno.EINTR or Errno.ENOBUFS or Errno.ENOMEM;
}
