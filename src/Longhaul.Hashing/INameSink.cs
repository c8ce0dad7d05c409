namespace Longhaul.Hashing;

/// <summary>Receives names one at a time as UTF-8 bytes. The span is only valid during the call.</summary>
public interface INameSink
{
    void Accept(ReadOnlySpan<byte> name);
}
