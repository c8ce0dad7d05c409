using System.Runtime.InteropServices;

namespace Longhaul.Linux;

/// <summary>
/// A Linux file descriptor (TUN queue, socket, namespace file). Closing goes through the SafeHandle so a
/// descriptor in use by a concurrent system call is not closed and reused under it.
/// </summary>
public sealed class FileDescriptorHandle : SafeHandle
{
    internal FileDescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>fd 0 is a valid descriptor, so only negative values are invalid.</summary>
    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor number, for diagnostics and for APIs (epoll) that take an int.</summary>
    public int Value => (int)handle;

    protected override bool ReleaseHandle() => Interop.Libc.Close((int)handle) == 0;
}
