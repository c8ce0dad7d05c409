using System.Text;

namespace Longhaul.Hashing.Tests;

/// <summary>Names from a list of strings, readable any number of times; counts its passes.</summary>
internal sealed class StringNameSource(params string[] names) : INameSource
{
    public bool CanReadAgain => true;

    public int Passes { get; private set; }

    public void ReadAll(INameSink sink)
    {
        Passes++;
        foreach (string name in names)
        {
            sink.Accept(Encoding.UTF8.GetBytes(name));
        }
    }
}
