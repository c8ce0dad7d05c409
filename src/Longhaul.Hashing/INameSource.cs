namespace Longhaul.Hashing;

/// <summary>
/// A stream of names (raw lines, not yet normalised) that <see cref="HashAuditor"/> reads once to count and,
/// when it has collisions to show, a second time to pick out the colliding names. Reading twice is what
/// keeps memory at a fixed size per name instead of holding every string.
/// </summary>
public interface INameSource
{
    /// <summary>False when the names can be read only once (a pipe that was not spooled).</summary>
    bool CanReadAgain { get; }

    void ReadAll(INameSink sink);
}
