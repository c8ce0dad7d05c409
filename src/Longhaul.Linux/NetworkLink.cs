using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// Per-device basics through ioctls on an AF_INET datagram socket (no `ip` process): link up/down, MTU,
/// index. They act in the network namespace of the calling thread, so call them on a thread inside the
/// device's namespace (see <see cref="NetworkNamespace"/>). Control plane: throws <see cref="LinuxException"/>.
/// </summary>
public static class NetworkLink
{
    public static void SetUp(string name) => ChangeFlags(name, up: true);

    public static void SetDown(string name) => ChangeFlags(name, up: false);

    public static bool IsUp(string name)
    {
        ValidateName(name);
        using FileDescriptorHandle control = OpenControlSocket(name);
        IfReq request = IfReq.ForName(name);
        Check(Ioctl(control, SIOCGIFFLAGS, ref request), $"reading the flags of '{name}'");
        return (request.Flags & IFF_UP) != 0;
    }

    public static void SetMtu(string name, int mtu)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        using FileDescriptorHandle control = OpenControlSocket(name);
        IfReq request = IfReq.ForName(name);
        request.Mtu = mtu;
        Check(Ioctl(control, SIOCSIFMTU, ref request), $"setting the MTU of '{name}' to {mtu}");
    }

    public static int GetMtu(string name)
    {
        ValidateName(name);
        using FileDescriptorHandle control = OpenControlSocket(name);
        IfReq request = IfReq.ForName(name);
        Check(Ioctl(control, SIOCGIFMTU, ref request), $"reading the MTU of '{name}'");
        return request.Mtu;
    }

    /// <summary>The interface index; throws (ENODEV) when there is no such device.</summary>
    public static int GetIndex(string name)
    {
        ValidateName(name);
        int index = IfNameToIndex(name);
        Check(index, $"looking up interface '{name}'");
        return index;
    }

    public static bool Exists(string name)
    {
        ValidateName(name);
        return IfNameToIndex(name) > 0;
    }

    /// <summary>
    /// The kernel's rule (dev_valid_name): 1-15 bytes, not "." or "..", no '/', ':' or whitespace.
    /// Checked here so a bad name fails with a clear message instead of a bare EINVAL.
    /// </summary>
    public static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length >= InterfaceNameSize || name is "." or ".." || !IsValidNameText(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid interface name (1-15 ASCII characters, no '/', ':' or whitespace).", nameof(name));
        }
    }

    private static bool IsValidNameText(string name)
    {
        foreach (char c in name)
        {
            if (c is '/' or ':' || c <= ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static void ChangeFlags(string name, bool up)
    {
        ValidateName(name);
        using FileDescriptorHandle control = OpenControlSocket(name);
        IfReq request = IfReq.ForName(name);
        Check(Ioctl(control, SIOCGIFFLAGS, ref request), $"reading the flags of '{name}'");
        request.Flags = (short)(up ? request.Flags | IFF_UP : request.Flags & ~IFF_UP);
        Check(Ioctl(control, SIOCSIFFLAGS, ref request), $"setting '{name}' {(up ? "up" : "down")}");
    }

    private static FileDescriptorHandle OpenControlSocket(string name) =>
        SocketSetup.Open(AF_INET, SOCK_DGRAM, 0, $"a control socket for '{name}'");

    private static void Check(int result, string operation)
    {
        if (result < 0)
        {
            Errno errno = ErrnoExtensions.FromResult(result);
            throw new LinuxException(errno, operation, errno == Errno.ENODEV ? "no such device in this network namespace" : null);
        }
    }
}
