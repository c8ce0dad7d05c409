namespace Longhaul.Hashing;

/// <summary>Ways to give names compact ids in a database.</summary>
public enum IdScheme
{
    /// <summary>A 32-bit hash (CRC-32, XXH32) in an INT UNSIGNED column. Not unique at millions of names.</summary>
    Hash32,

    /// <summary>A 64-bit hash (XXH3) in a BIGINT UNSIGNED column with a UNIQUE index that catches the rare collision.</summary>
    Hash64WithUniqueCheck,

    /// <summary>A dictionary table (id AUTO_INCREMENT, name UNIQUE): unique by construction, one lookup per insert.</summary>
    DictionaryTable,
}
