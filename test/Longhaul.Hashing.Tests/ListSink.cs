using System.Text;

namespace Longhaul.Hashing.Tests;

internal sealed class ListSink : INameSink
{
    public List<string> Lines { get; } = [];

    public void Accept(ReadOnlySpan<byte> name) => Lines.Add(Encoding.UTF8.GetString(name));
}
