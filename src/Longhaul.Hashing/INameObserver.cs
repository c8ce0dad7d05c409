namespace Longhaul.Hashing;

/// <summary>Sees every normalised name with its id during the audit's first pass (how <c>--emit csv</c> works).</summary>
public interface INameObserver
{
    void OnName(ReadOnlySpan<byte> name, ulong id);
}
