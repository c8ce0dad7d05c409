namespace Longhaul.Hashing;

/// <summary>
/// Names from a stream that can be read only once, such as standard input. When spooling is on, the first
/// pass copies the bytes to a temporary file (deleted on dispose) that later passes read; this costs disk
/// the size of the input, never memory. Without spooling the source reads once and says so.
/// </summary>
public sealed class SpooledStreamNameSource : INameSource, IDisposable
{
    private readonly Stream _input;
    private readonly bool _spool;
    private FileStream? _spoolFile;
    private bool _consumed;

    public SpooledStreamNameSource(Stream input, bool spool)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _spool = spool;
    }

    public bool CanReadAgain => _spool;

    public void ReadAll(INameSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!_consumed)
        {
            _consumed = true;
            if (_spool)
            {
                _spoolFile = new FileStream(
                    Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                    bufferSize: 1 << 16, FileOptions.DeleteOnClose);
            }

            LineReader.ReadLines(_input, sink, _spoolFile);
            _spoolFile?.Flush();
            return;
        }

        if (_spoolFile is null)
        {
            throw new InvalidOperationException("The input was not spooled and cannot be read a second time.");
        }

        _spoolFile.Position = 0;
        LineReader.ReadLines(_spoolFile, sink);
    }

    public void Dispose() => _spoolFile?.Dispose();
}
