using System.Globalization;

namespace Longhaul.Director.Runtime;

/// <summary>
/// State changes of the director (start, reload, stop, failures) as one timestamped line each, to standard
/// error by default. Never called per packet. The control-plane issue replaces it with the Generic Host's
/// logging; until then this keeps the daemon's output readable and greppable.
/// </summary>
public sealed class DirectorLog(TextWriter output, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();

    public static DirectorLog StandardError { get; } = new(Console.Error);

    /// <summary>Writes nothing (tests that do not look at the log).</summary>
    public static DirectorLog Null { get; } = new(TextWriter.Null);

    public void Info(string message) => Write("info", message);

    public void Warning(string message) => Write("warn", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        string time = _clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            output.WriteLine($"{time} {level} director: {message}");
            output.Flush();
        }
    }
}
