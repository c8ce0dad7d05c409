using System.Security.Cryptography;

namespace Longhaul.Linux.Tests;

/// <summary>
/// A fresh network namespace named lhtest-linux-&lt;random&gt; with lo up, deleted on Dispose whatever the test did.
/// Tests only send traffic inside it.
/// </summary>
internal sealed class TestNamespace : IDisposable
{
    private readonly NetworkNamespace _namespace;

    public TestNamespace()
    {
        Name = $"lhtest-linux-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        _namespace = NetworkNamespace.Create(Name);
    }

    public string Name { get; }

    public T Run<T>(Func<T> body) => _namespace.Run(body);

    public void Run(Action body) => _namespace.Run(body);

    public void Dispose() => _namespace.Dispose();
}
