using System.Globalization;
using Longhaul.Director.Control;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Runtime;

/// <summary>
/// State changes of the director (start, reload, stop, failures) as one timestamped line each, to standard
/// error by default. Never called per packet. Under the Generic Host it forwards to an <see cref="ILogger"/>
/// (events 1-3 of <see cref="DirectorHostLog"/>), so journald gets levels and the host's formatting.
/// </summary>
public sealed class DirectorLog(TextWriter output, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly ILogger? _logger;

    public DirectorLog(ILogger logger)
        : this(TextWriter.Null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    public static DirectorLog StandardError { get; } = new(Console.Error);

    /// <summary>Writes nothing (tests that do not look at the log).</summary>
    public static DirectorLog Null { get; } = new(TextWriter.Null);

    public void Info(string message) => Write("info", message);

    public void Warning(string message) => Write("warn", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        if (_logger is not null)
        {
            switch (level)
            {
                case "info": DirectorHostLog.RuntimeInfo(_logger, message); break;
                case "warn": DirectorHostLog.RuntimeWarning(_logger, message); break;
                default: DirectorHostLog.RuntimeError(_logger, message); break;
            }

            return;
        }

        string time = _clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            output.WriteLine($"{time} {level} director: {message}");
            output.Flush();
        }
    }
}
