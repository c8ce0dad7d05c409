namespace Longhaul.Hashing;

/// <summary>How a line of input becomes the name that is hashed.</summary>
public enum NameNormalization
{
    /// <summary>The line as it is (only the line break, LF or CRLF, is removed).</summary>
    None,

    /// <summary>Domain names: trim ASCII whitespace, lower-case ASCII letters, drop one trailing dot.</summary>
    Domain,
}
