namespace Longhaul.Linux;

/// <summary>
/// The calling thread's stay in another network namespace (from <see cref="NetworkNamespace.EnterOnCurrentThread(string)"/>);
/// disposing it returns the thread to where it was. Must be disposed on the thread that entered.
/// </summary>
public sealed class NetworkNamespaceScope : IDisposable
{
    /// <summary>Linux 3.17+: this thread's (not the process's main thread's) namespace.</summary>
    internal const string CurrentThreadNamespacePath = "/proc/thread-self/ns/net";

    private readonly FileDescriptorHandle _previous;
    private readonly int _threadId;

    internal NetworkNamespaceScope(FileDescriptorHandle previous, string name)
    {
        _previous = previous;
        _threadId = Environment.CurrentManagedThreadId;
        Name = name;
    }

    /// <summary>The namespace entered.</summary>
    public string Name { get; }

    public void Dispose()
    {
        if (_previous.IsClosed)
        {
            return;
        }

        // Leaving from another thread would move the wrong thread: a bug worth failing loudly on.
        ThrowIfWrongThread();
        try
        {
            NetworkNamespace.Enter(_previous, "(the one this thread came from)");
        }
        finally
        {
            _previous.Dispose();
        }
    }

    private void ThrowIfWrongThread()
    {
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            throw new InvalidOperationException($"A scope in network namespace '{Name}' must be disposed on the thread that entered it.");
        }
    }
}
