namespace Longhaul.Hashing;

/// <summary>
/// Normalises a name in place of a copy, on bytes, without allocating. Domain names are compared
/// case-insensitively and "example.com." is the same name as "example.com" (the root label), so both must
/// hash to one id. Only ASCII is folded: internationalised names belong in their A-label (punycode) form,
/// which is ASCII; other bytes pass through unchanged.
/// </summary>
public static class NameNormalizer
{
    /// <summary>
    /// Returns the normalised name: a slice of <paramref name="line"/> for <see cref="NameNormalization.None"/>,
    /// otherwise a slice of <paramref name="scratch"/>, which must be at least as long as the line.
    /// </summary>
    public static ReadOnlySpan<byte> Normalize(NameNormalization mode, ReadOnlySpan<byte> line, Span<byte> scratch)
    {
        if (mode == NameNormalization.None)
        {
            return line;
        }

        ReadOnlySpan<byte> trimmed = line.Trim(" \t\r\n\v\f"u8);
        if (trimmed.Length > 0 && trimmed[^1] == (byte)'.')
        {
            // "example.com ." is a typo for the same name: trim again once the dot is gone.
            trimmed = trimmed[..^1].TrimEnd(" \t\r\n\v\f"u8);
        }

        Span<byte> output = scratch[..trimmed.Length];
        for (int i = 0; i < trimmed.Length; i++)
        {
            byte b = trimmed[i];
            output[i] = (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
        }

        return output;
    }
}
