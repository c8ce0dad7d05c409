namespace Longhaul.Config.Import;

/// <summary>
/// Collects, while importing, the unmapped items, the warnings, the to-dos and the parse errors, each located by
/// file and line. An item that concerns one service or real is also written next to it in the YAML as a comment,
/// so the file explains itself after stderr is gone.
/// </summary>
internal sealed class ImportNotes
{
    private readonly List<(string File, int Line, string Text)> _unmapped = [];
    private readonly List<(string File, int Line, string Text)> _warnings = [];
    private readonly List<string> _toDo = [];
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, int> _fileOrder = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Unmapped => Ordered(_unmapped);

    public IReadOnlyList<string> Warnings => Ordered(_warnings);

    public IReadOnlyList<string> ToDo => _toDo;

    /// <param name="comments">The YAML comments of the service or real concerned, or null for file-level items.</param>
    public void AddUnmapped(string file, int line, string message, List<string>? comments = null)
    {
        _unmapped.Add((file, line, message));
        _fileOrder.TryAdd(file, _fileOrder.Count);
        comments?.Add($"unmapped: {message}");
    }

    public void AddWarning(string file, int line, string message, List<string>? comments = null)
    {
        _warnings.Add((file, line, message));
        _fileOrder.TryAdd(file, _fileOrder.Count);
        comments?.Add(message);
    }

    public void AddToDo(string message) => _toDo.Add(message);

    public void AddError(string file, int line, string key, string message) => _errors.Add(new ConfigError(file, line, key, message));

    /// <summary>A file that cannot be read as its format is refused as a whole, every error listed.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigException([.. _errors]);
        }
    }

    public ImportResult Result(string yaml) => new(yaml, Unmapped, Warnings, [.. _toDo]);

    /// <summary>In file order (files as first met), then line: items are found in passes, not in reading order.</summary>
    private string[] Ordered(List<(string File, int Line, string Text)> items) =>
        [.. items.OrderBy(i => _fileOrder[i.File]).ThenBy(i => i.Line).Select(i => i.Line > 0 ? $"{i.File}:{i.Line}: {i.Text}" : $"{i.File}: {i.Text}")];
}
