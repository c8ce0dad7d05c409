namespace Longhaul.Hashing;

/// <summary>
/// What a uniformly random <paramref name="Bits"/>-bit hash is expected to do to <paramref name="Names"/>
/// distinct names. The three counts measure different things; at low load (few collisions) the first two
/// are nearly equal and the third is about twice them.
/// </summary>
/// <param name="ExpectedCollidingPairs">Unordered pairs of distinct names that share an id: n(n-1)/2^(b+1).</param>
/// <param name="CollidingPairsStdDev">Standard deviation of that pair count.</param>
/// <param name="ExpectedCollidingIds">Ids that more than one name maps to (what a GROUP BY id HAVING COUNT(*) &gt; 1 finds).</param>
/// <param name="ExpectedNamesInCollisions">Names whose id is shared with at least one other name.</param>
public readonly record struct BirthdayEstimate(
    long Names,
    int Bits,
    double ExpectedCollidingPairs,
    double CollidingPairsStdDev,
    double ExpectedCollidingIds,
    double ExpectedNamesInCollisions);
