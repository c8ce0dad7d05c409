namespace Longhaul.Hashing;

/// <param name="GroupLimit">How many colliding groups to report with their names (largest first); 0 skips the second pass.</param>
/// <param name="NamesPerGroup">How many names to keep for each reported group.</param>
public sealed record HashAuditOptions(
    NameHashAlgorithm Algorithm = NameHashAlgorithm.Crc32,
    NameNormalization Normalization = NameNormalization.None,
    int GroupLimit = 20,
    int NamesPerGroup = 10);
