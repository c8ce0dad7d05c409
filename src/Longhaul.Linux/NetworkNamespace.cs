using System.Runtime.ExceptionServices;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// A named network namespace (as `ip netns` keeps them, pinned at /run/netns/NAME) and ways to run code in it.
/// </summary>
/// <remarks>
/// A network namespace belongs to a thread, not a process: setns(CLONE_NEWNET) moves only the calling thread.
/// <see cref="Run{T}(Func{T})"/> therefore runs the body on a thread it creates, enters the namespace there and
/// lets the thread end afterwards, so no pooled thread is ever left in a foreign namespace. Sockets, TUN queues
/// and child processes created on that thread belong to the namespace, and file descriptors keep their
/// namespace for life: open them inside, then use them from any thread. Do not await inside the body (the
/// continuation would run elsewhere).
/// </remarks>
public sealed class NetworkNamespace : IDisposable
{
    public const string Directory = "/run/netns";

    private readonly bool _owned;
    private bool _deleted;

    private NetworkNamespace(string name, bool owned)
    {
        Name = name;
        _owned = owned;
    }

    public string Name { get; }

    public string Path => PathOf(Name);

    /// <summary>Creates the namespace (`ip netns add`) and brings its `lo` up; Dispose deletes it.</summary>
    public static NetworkNamespace Create(string name)
    {
        ValidateName(name);
        IpCommand.AddNamespace(name);
        var created = new NetworkNamespace(name, owned: true);
        try
        {
            created.Run(static () => NetworkLink.SetUp("lo"));
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Refers to an existing namespace without owning it: Dispose leaves it alone.</summary>
    public static NetworkNamespace Attach(string name)
    {
        ValidateName(name);
        if (!Exists(name))
        {
            throw new LinuxException(Errno.ENOENT, $"opening network namespace '{name}' ({PathOf(name)})", "create it with `ip netns add`");
        }

        return new NetworkNamespace(name, owned: false);
    }

    public static bool Exists(string name)
    {
        ValidateName(name);
        return File.Exists(PathOf(name));
    }

    public T Run<T>(Func<T> body) => Run(Name, body);

    public void Run(Action body) => Run(Name, body);

    /// <summary>Moves the calling thread into this namespace until the returned scope is disposed.</summary>
    public NetworkNamespaceScope EnterOnCurrentThread() => EnterOnCurrentThread(Name);

    /// <summary>Runs <paramref name="body"/> on a new thread inside namespace <paramref name="name"/> and returns its result.</summary>
    public static T Run<T>(string name, Func<T> body)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using FileDescriptorHandle target = OpenNamespace(name);
                Enter(target, name);
                result = body();
            }
#pragma warning disable CA1031 // Any failure is carried back to the calling thread and rethrown there.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {name}",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void Run(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run(name, () =>
        {
            body();
            return true;
        });
    }

    /// <summary>
    /// Moves the calling thread into namespace <paramref name="name"/>; disposing the scope (on the same thread)
    /// moves it back. Only for threads you own, such as a worker thread that lives in the namespace.
    /// </summary>
    public static NetworkNamespaceScope EnterOnCurrentThread(string name)
    {
        ValidateName(name);
        using FileDescriptorHandle target = OpenNamespace(name);
        FileDescriptorHandle previous = OpenFile(NetworkNamespaceScope.CurrentThreadNamespacePath, "opening the current thread's network namespace");
        try
        {
            Enter(target, name);
            return new NetworkNamespaceScope(previous, name);
        }
        catch
        {
            previous.Dispose();
            throw;
        }
    }

    /// <summary>Deletes an owned namespace (`ip netns del`); a namespace already gone is fine.</summary>
    public void Delete()
    {
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        if (Exists(Name))
        {
            IpCommand.DeleteNamespace(Name);
        }
    }

    public void Dispose()
    {
        if (_owned)
        {
            Delete();
        }
    }

    public override string ToString() => Name;

    /// <summary>What `ip netns` accepts as a name: a single path component.</summary>
    public static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "." or ".." || name.Length > 255 || name.AsSpan().IndexOfAny('/', '\0') >= 0)
        {
            throw new ArgumentException($"'{name}' is not a valid network namespace name.", nameof(name));
        }
    }

    internal static void Enter(FileDescriptorHandle target, string name)
    {
        int r = SetNs(target, CLONE_NEWNET);
        if (r < 0)
        {
            throw LinuxException.FromResult(r, $"entering network namespace '{name}' (setns)");
        }
    }

    private static string PathOf(string name) => $"{Directory}/{name}";

    private static FileDescriptorHandle OpenNamespace(string name)
    {
        int fd = Open(PathOf(name), O_RDONLY);
        if (fd < 0)
        {
            Errno errno = ErrnoExtensions.FromResult(fd);
            throw new LinuxException(errno, $"opening network namespace '{name}' ({PathOf(name)})", errno == Errno.ENOENT ? "create it with `ip netns add`" : null);
        }

        return new FileDescriptorHandle(fd);
    }

    private static FileDescriptorHandle OpenFile(string path, string operation)
    {
        int fd = Open(path, O_RDONLY);
        return fd < 0 ? throw LinuxException.FromResult(fd, operation) : new FileDescriptorHandle(fd);
    }
}
