namespace Longhaul.Hashing;

/// <summary>Pass 1 of <see cref="HashAuditor"/>: normalise, hash, keep one 128-bit key per non-blank line.</summary>
internal sealed class KeyCollector : INameSink
{
    private readonly NameHasher _hasher;
    private readonly NameNormalization _normalization;
    private readonly INameObserver? _observer;
    private byte[] _scratch = new byte[256];

    public KeyCollector(NameHasher hasher, NameNormalization normalization, INameObserver? observer)
    {
        _hasher = hasher;
        _normalization = normalization;
        _observer = observer;
    }

    public SortedKeyRuns Keys { get; } = new();

    public long Lines { get; private set; }

    public long BlankLines { get; private set; }

    public void Accept(ReadOnlySpan<byte> name)
    {
        Lines++;
        if (_scratch.Length < name.Length)
        {
            _scratch = new byte[Math.Max(name.Length, _scratch.Length * 2)];
        }

        ReadOnlySpan<byte> normalized = NameNormalizer.Normalize(_normalization, name, _scratch);
        if (normalized.IsEmpty)
        {
            BlankLines++;
            return;
        }

        ulong id = _hasher.Hash(normalized);
        Keys.Add(HashAuditor.KeyOf(id, _hasher.Bits, normalized));
        _observer?.OnName(normalized, id);
    }
}
