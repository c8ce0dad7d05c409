namespace Longhaul.Hashing;

/// <summary>
/// What <see cref="HashAuditor"/> found. "Collisions" throughout means <see cref="CollidingPairs"/>: unordered
/// pairs of distinct names that share an id, the quantity the birthday bound n(n-1)/2^(b+1) predicts.
/// Duplicate lines of the same name are not collisions; they are counted apart.
/// </summary>
/// <param name="Lines">Lines read, blank ones included.</param>
/// <param name="BlankLines">Lines that were empty after normalisation; they are skipped.</param>
/// <param name="DistinctNames">Distinct names (by 128-bit fingerprint, see docs/hash-audit.md).</param>
/// <param name="DuplicateLines">Non-blank lines that repeat a name already seen.</param>
/// <param name="DistinctIds">Distinct ids among the distinct names.</param>
/// <param name="CollidingIds">Ids shared by two or more distinct names.</param>
/// <param name="NamesInCollisions">Distinct names whose id some other name also has.</param>
/// <param name="LargestGroup">Most distinct names on one id (1 when there is no collision, 0 for no input).</param>
/// <param name="Groups">The largest colliding groups, up to the configured limit.</param>
/// <param name="GroupNamesAvailable">False when the input could be read only once, so groups carry ids and counts but no names.</param>
public sealed record HashAuditReport(
    NameHashAlgorithm Algorithm,
    int Bits,
    NameNormalization Normalization,
    long Lines,
    long BlankLines,
    long DistinctNames,
    long DuplicateLines,
    long DistinctIds,
    long CollidingPairs,
    long CollidingIds,
    long NamesInCollisions,
    long LargestGroup,
    BirthdayEstimate Expected,
    IReadOnlyList<CollisionGroup> Groups,
    bool GroupNamesAvailable,
    IdRecommendation Recommendation)
{
    public bool HasCollisions => CollidingPairs > 0;

    /// <summary>How many standard deviations the observed pair count lies from the expectation.</summary>
    public double ZScore => Expected.CollidingPairsStdDev > 0
        ? (CollidingPairs - Expected.ExpectedCollidingPairs) / Expected.CollidingPairsStdDev
        : 0;
}
