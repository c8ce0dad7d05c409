namespace Longhaul.Linux;

/// <summary>
/// The Linux errno values Longhaul meets (x86-64 and arm64 share these numbers). Hot-path methods return
/// <c>-(int)Errno</c>; setup code throws <see cref="LinuxException"/> carrying one.
/// </summary>
#pragma warning disable CA1707 // The kernel's names, kept so they can be searched for in man pages.
public enum Errno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    EINTR = 4,
    EIO = 5,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EFAULT = 14,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    EINVAL = 22,
    ENFILE = 23,
    EMFILE = 24,
    ENOTTY = 25,
    EPIPE = 32,
    EMSGSIZE = 90,
    EPROTOTYPE = 91,
    ENOPROTOOPT = 92,
    EPROTONOSUPPORT = 93,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENETUNREACH = 101,
    ENOBUFS = 105,
    ETIMEDOUT = 110,
    ECONNREFUSED = 111,
    EHOSTUNREACH = 113,
}
#pragma warning restore CA1707
