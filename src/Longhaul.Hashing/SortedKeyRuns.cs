namespace Longhaul.Hashing;

/// <summary>
/// An append-only bag of 128-bit keys kept as sorted runs, read back in order through a k-way merge.
/// Runs are sealed (sorted) as they fill, so sorting happens while input is still being read, and the
/// whole never needs one contiguous array: no doubling copy, peak memory is the keys plus one run's slack.
/// Runs start small so a ten-line input does not allocate 16 MB.
/// </summary>
internal sealed class SortedKeyRuns
{
    private const int FirstRunLength = 1 << 12;
    private const int MaxRunLength = 1 << 20;

    private readonly List<UInt128[]> _runs = [];
    private UInt128[] _current = new UInt128[FirstRunLength];
    private int _used;

    public long Count { get; private set; }

    public void Add(UInt128 key)
    {
        if (_used == _current.Length)
        {
            Seal();
        }

        _current[_used++] = key;
        Count++;
    }

    /// <summary>Sorts what is left and returns a reader over all keys in ascending order. Add no more afterwards.</summary>
    public KeyRunMerger Complete()
    {
        if (_used > 0)
        {
            Array.Resize(ref _current, _used);
            Seal();
        }

        return new KeyRunMerger(_runs);
    }

    private void Seal()
    {
        _current.AsSpan(0, _used).Sort();
        _runs.Add(_current);
        _current = new UInt128[Math.Min(_current.Length * 2, MaxRunLength)];
        _used = 0;
    }
}
