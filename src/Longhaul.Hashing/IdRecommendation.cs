namespace Longhaul.Hashing;

/// <summary>
/// Which id scheme to use for a data set of a given size, with every option's numbers so the operator can
/// weigh them. A 64-bit hash is recommended while the chance of even one collision after tenfold growth is
/// below <see cref="Hash64Tolerance"/>; its UNIQUE index turns that rare event into an insert error instead
/// of silently merged names. Past that (hundreds of millions of names) a dictionary table is the safer key.
/// </summary>
public sealed record IdRecommendation(long Names, IdScheme Recommended, IReadOnlyList<IdSchemeOption> Options)
{
    public const double Hash64Tolerance = 0.01;

    public static IdRecommendation For(long names)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(names);
        long tenfold = names > long.MaxValue / 10 ? long.MaxValue : names * 10;
        var hash64 = new IdSchemeOption(
            IdScheme.Hash64WithUniqueCheck,
            "64-bit hash (xxh3) as BIGINT UNSIGNED with a UNIQUE index; on a duplicate-key error compare the names",
            8,
            BirthdayBound.ExpectedCollidingPairs(names, 64),
            BirthdayBound.ExpectedCollidingPairs(tenfold, 64));
        var dictionary = new IdSchemeOption(
            IdScheme.DictionaryTable,
            "dictionary table: id INT UNSIGNED AUTO_INCREMENT, name UNIQUE; ids are dense and never collide",
            names * 10 < uint.MaxValue ? 4 : 8,
            0,
            0);
        double hash32Now = BirthdayBound.ExpectedCollidingPairs(names, 32);
        var hash32 = new IdSchemeOption(
            IdScheme.Hash32,
            hash32Now >= Hash64Tolerance
                ? "32-bit hash (crc32, xxh32) as INT UNSIGNED: not a unique key at this size"
                : "32-bit hash (crc32, xxh32) as INT UNSIGNED: unique only while the data stays this small",
            4,
            hash32Now,
            BirthdayBound.ExpectedCollidingPairs(tenfold, 32));

        IdScheme recommended = hash64.ExpectedCollisionsAtTenfold < Hash64Tolerance
            ? IdScheme.Hash64WithUniqueCheck
            : IdScheme.DictionaryTable;
        IdSchemeOption[] options = recommended == IdScheme.Hash64WithUniqueCheck
            ? [hash64, dictionary, hash32]
            : [dictionary, hash64, hash32];
        return new IdRecommendation(names, recommended, options);
    }
}
