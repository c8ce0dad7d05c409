namespace Longhaul.Hashing;

/// <summary>Names from a file, one per line; opened afresh for each pass.</summary>
public sealed class FileNameSource : INameSource
{
    private readonly string _path;

    public FileNameSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    public bool CanReadAgain => true;

    public void ReadAll(INameSink sink)
    {
        // bufferSize 0: LineReader keeps its own buffer, a second one would only copy.
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        LineReader.ReadLines(stream, sink);
    }
}
