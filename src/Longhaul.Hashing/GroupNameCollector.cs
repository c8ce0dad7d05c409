using System.Text;

namespace Longhaul.Hashing;

/// <summary>
/// Pass 2 of <see cref="HashAuditor"/>: hashes every name again and keeps (as strings) only those whose id is
/// one of the reported groups, at most <c>namesPerGroup</c> each, so memory is bounded by the report's size.
/// </summary>
internal sealed class GroupNameCollector : INameSink
{
    private readonly NameHasher _hasher;
    private readonly NameNormalization _normalization;
    private readonly IReadOnlyList<KeyValuePair<ulong, long>> _selected;
    private readonly Dictionary<ulong, SortedSet<string>> _names;
    private readonly int _namesPerGroup;
    private byte[] _scratch = new byte[256];

    public GroupNameCollector(
        NameHasher hasher, NameNormalization normalization, IReadOnlyList<KeyValuePair<ulong, long>> selected, int namesPerGroup)
    {
        _hasher = hasher;
        _normalization = normalization;
        _selected = selected;
        _namesPerGroup = namesPerGroup;
        _names = new Dictionary<ulong, SortedSet<string>>(selected.Count);
        foreach (KeyValuePair<ulong, long> group in selected)
        {
            _names[group.Key] = new SortedSet<string>(StringComparer.Ordinal);
        }
    }

    public void Accept(ReadOnlySpan<byte> name)
    {
        if (_scratch.Length < name.Length)
        {
            _scratch = new byte[Math.Max(name.Length, _scratch.Length * 2)];
        }

        ReadOnlySpan<byte> normalized = NameNormalizer.Normalize(_normalization, name, _scratch);
        if (normalized.IsEmpty || !_names.TryGetValue(_hasher.Hash(normalized), out SortedSet<string>? names))
        {
            return;
        }

        // Decoding allocates, but only for the handful of names in reported groups.
        string text = Encoding.UTF8.GetString(normalized);
        if (names.Count < _namesPerGroup || names.Contains(text))
        {
            names.Add(text);
        }
    }

    public CollisionGroup[] Groups()
    {
        var groups = new CollisionGroup[_selected.Count];
        for (int i = 0; i < groups.Length; i++)
        {
            KeyValuePair<ulong, long> group = _selected[i];
            groups[i] = new CollisionGroup(group.Key, group.Value, [.. _names[group.Key]]);
        }

        return groups;
    }

    public static CollisionGroup[] WithoutNames(IReadOnlyList<KeyValuePair<ulong, long>> selected)
    {
        var groups = new CollisionGroup[selected.Count];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = new CollisionGroup(selected[i].Key, selected[i].Value, []);
        }

        return groups;
    }
}
