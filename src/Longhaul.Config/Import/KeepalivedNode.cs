namespace Longhaul.Config.Import;

/// <summary>
/// One keepalived statement: the words of a line (keyword first) and, when a <c>{ ... }</c> follows, the
/// statements inside it.
/// </summary>
internal sealed class KeepalivedNode(string file, int line, string keyword)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public List<string> Words { get; } = [keyword];

    public string Keyword => Words[0];

    /// <summary>The block's statements, or null when the statement has no block.</summary>
    public List<KeepalivedNode>? Children { get; set; }

    /// <summary>The argument at <paramref name="index"/> (1 = first after the keyword), or null.</summary>
    public string? Argument(int index) => index < Words.Count ? Words[index] : null;

    /// <summary>The statement as written, for messages.</summary>
    public string Text => Children is null ? string.Join(' ', Words) : $"{string.Join(' ', Words)} {{...}}";
}
