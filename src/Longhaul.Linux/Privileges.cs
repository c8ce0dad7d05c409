namespace Longhaul.Linux;

public static class Privileges
{
    public static uint EffectiveUserId => Interop.Libc.GetEUid();

    /// <summary>geteuid() == 0. Capabilities are not consulted: this answers "may we do everything we need".</summary>
    public static bool IsRoot => EffectiveUserId == 0;

    /// <summary>Throws a message naming what needed root, e.g. RequireRoot("creating the lab's network namespaces").</summary>
    public static void RequireRoot(string forWhat)
    {
        ArgumentException.ThrowIfNullOrEmpty(forWhat);
        uint euid = EffectiveUserId;
        if (euid != 0)
        {
            throw new LinuxException(
                Errno.EPERM,
                $"{forWhat} needs root (running as uid {euid})",
                "run it with sudo, or as a service with CAP_NET_ADMIN and CAP_NET_RAW");
        }
    }
}
