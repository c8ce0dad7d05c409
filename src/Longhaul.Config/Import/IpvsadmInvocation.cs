namespace Longhaul.Config.Import;

/// <summary>One line of an ipvsadm rules file: a command and its options by long name (value null for flags).</summary>
internal sealed class IpvsadmInvocation(int line)
{
    public int Line { get; } = line;

    /// <summary>The command's long name (add-service, add-server, ...).</summary>
    public string? Command { get; set; }

    /// <summary>The option as written (<c>-A</c>, <c>--add-server</c>), for messages.</summary>
    public string CommandText { get; set; } = string.Empty;

    public Dictionary<string, string?> Options { get; } = new(StringComparer.Ordinal);

    public List<string> SetValues { get; } = [];

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Value(string option) => Options.GetValueOrDefault(option);
}
