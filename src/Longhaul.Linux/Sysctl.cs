using System.Text;

namespace Longhaul.Linux;

/// <summary>
/// Kernel parameters through /proc/sys. Keys are in sysctl(8) form ("net.ipv4.conf.all.rp_filter"). The
/// net.* keys belong to the network namespace of the calling thread, so inside <see cref="NetworkNamespace.Run{T}(Func{T})"/>
/// they read and change that namespace only. Control plane: throws <see cref="LinuxException"/>.
/// </summary>
public static class Sysctl
{
    public const string Root = "/proc/sys/";

    /// <summary>The value with surrounding whitespace (the trailing newline) removed.</summary>
    public static string Read(string key)
    {
        string path = KeyToPath(key);
        int fd = Interop.Libc.Open(path, Interop.Libc.O_RDONLY);
        if (fd < 0)
        {
            throw Failure(fd, $"reading sysctl {key} ({path})");
        }

        using var handle = new FileDescriptorHandle(fd);
        byte[] buffer = new byte[4096];
        int total = 0;
        while (true)
        {
            int n = Interop.Libc.Read(handle, buffer.AsSpan(total));
            if (n < 0)
            {
                throw Failure(n, $"reading sysctl {key} ({path})");
            }

            if (n == 0)
            {
                break;
            }

            total += n;
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, total).Trim();
    }

    /// <summary>Writes <paramref name="value"/>; the kernel validates it (EINVAL for an out-of-range value).</summary>
    public static void Write(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string path = KeyToPath(key);
        string operation = $"writing sysctl {key} = {value} ({path})";
        int fd = Interop.Libc.Open(path, Interop.Libc.O_WRONLY);
        if (fd < 0)
        {
            throw Failure(fd, operation);
        }

        using var handle = new FileDescriptorHandle(fd);
        byte[] bytes = Encoding.ASCII.GetBytes(value + "\n");
        int n = Interop.Libc.Write(handle, bytes);
        if (n < 0)
        {
            throw Failure(n, operation);
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> and returns a change that puts the old value back when disposed.
    /// Dispose on a thread in the same network namespace.
    /// </summary>
    public static SysctlChange Change(string key, string value)
    {
        string old = Read(key);
        Write(key, value);
        return new SysctlChange(key, old, value);
    }

    /// <summary>
    /// Maps a key to its /proc/sys path the way sysctl(8) does: dots separate levels, and a '/' in a dotted
    /// key stands for a literal dot (so a VLAN device is "net.ipv4.conf.eth0/100.rp_filter"). A key whose
    /// first separator is '/' is taken as a path already ("net/ipv4/conf/eth0.100/rp_filter").
    /// </summary>
    public static string KeyToPath(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        int firstSeparator = key.AsSpan().IndexOfAny('.', '/');
        bool pathForm = firstSeparator >= 0 && key[firstSeparator] == '/';
        string relative = pathForm
            ? key
            : string.Create(key.Length, key, static (span, k) =>
            {
                for (int i = 0; i < k.Length; i++)
                {
                    span[i] = k[i] switch { '.' => '/', '/' => '.', char c => c };
                }
            });

        foreach (string segment in relative.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(c => c <= ' ' || c > '~'))
            {
                throw new ArgumentException($"'{key}' is not a valid sysctl key.", nameof(key));
            }
        }

        return Root + relative;
    }

    private static LinuxException Failure(int result, string operation)
    {
        Errno errno = ErrnoExtensions.FromResult(result);
        string? hint = errno switch
        {
            Errno.ENOENT => "no such key here (is the device in this network namespace?)",
            Errno.EINVAL => "the kernel rejected the value",
            _ => null,
        };
        return new LinuxException(errno, operation, hint);
    }
}
