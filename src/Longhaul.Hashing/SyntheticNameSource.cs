namespace Longhaul.Hashing;

/// <summary>The first <c>count</c> names of <see cref="SyntheticNames"/>; regenerated for each pass, so it holds no memory.</summary>
public sealed class SyntheticNameSource : INameSource
{
    private readonly SyntheticNames _names;
    private readonly long _count;

    public SyntheticNameSource(long count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)count, SyntheticNames.Capacity, nameof(count));
        _count = count;
        _names = new SyntheticNames(seed);
    }

    public bool CanReadAgain => true;

    public void ReadAll(INameSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Span<byte> buffer = stackalloc byte[SyntheticNames.MaxLength];
        for (long i = 0; i < _count; i++)
        {
            int length = _names.Write(i, buffer);
            sink.Accept(buffer[..length]);
        }
    }
}
