namespace Longhaul.Hashing;

/// <summary>
/// Counts the distinct names of a stream and the ids they collide on, in memory that grows by a fixed
/// 16 bytes per input line whatever the names' length, never by the strings themselves.
/// <para>
/// Pass 1 turns each normalised name into one 128-bit key: the top b bits are its id (b = 32 or 64), the
/// remaining 128 - b bits come from an independent XXH3-128 fingerprint. Sorting the keys puts every id's
/// names next to each other and every repeated name next to itself, so one ordered scan counts distinct
/// names (distinct keys), duplicate lines (equal keys) and colliding ids (one id, several keys). Two distinct
/// names merge into one key only if both their id and the other 128 - b bits agree: about n²/2^129, 1e-25
/// for ten million names.
/// </para>
/// <para>
/// Pass 2 runs only when there are collisions to show: it reads the source again and keeps the names whose
/// id is among the reported groups.
/// </para>
/// </summary>
public sealed class HashAuditor
{
    /// <summary>Seed of the fingerprint; any value unrelated to the id hashes' seed (0) will do.</summary>
    internal const ulong FingerprintSeed = 0x6C6F6E6768617531;

    private readonly HashAuditOptions _options;

    public HashAuditor(HashAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GroupLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(options.NamesPerGroup);
        _options = options;
    }

    public HashAuditReport Run(INameSource source, INameObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var hasher = new NameHasher(_options.Algorithm);

        var pass1 = new KeyCollector(hasher, _options.Normalization, observer);
        source.ReadAll(pass1);
        var scan = CollisionScan.Run(pass1.Keys.Complete(), hasher.Bits, _options.GroupLimit);

        IReadOnlyList<CollisionGroup> groups = [];
        bool namesAvailable = source.CanReadAgain;
        if (scan.SelectedGroups.Count > 0)
        {
            if (namesAvailable && _options.NamesPerGroup > 0)
            {
                var pass2 = new GroupNameCollector(hasher, _options.Normalization, scan.SelectedGroups, _options.NamesPerGroup);
                source.ReadAll(pass2);
                groups = pass2.Groups();
            }
            else
            {
                groups = GroupNameCollector.WithoutNames(scan.SelectedGroups);
            }
        }

        long names = pass1.Lines - pass1.BlankLines;
        return new HashAuditReport(
            _options.Algorithm,
            hasher.Bits,
            _options.Normalization,
            pass1.Lines,
            pass1.BlankLines,
            scan.DistinctNames,
            names - scan.DistinctNames,
            scan.DistinctIds,
            scan.CollidingPairs,
            scan.CollidingIds,
            scan.NamesInCollisions,
            scan.LargestGroup,
            BirthdayBound.Estimate(scan.DistinctNames, hasher.Bits),
            groups,
            namesAvailable,
            IdRecommendation.For(scan.DistinctNames));
    }

    /// <summary>The sort key of a name: its id in the top bits, fingerprint bits below.</summary>
    internal static UInt128 KeyOf(ulong id, int bits, ReadOnlySpan<byte> name) =>
        ((UInt128)id << (128 - bits)) | (SeededHash.Hash128(name, FingerprintSeed) >> bits);
}
