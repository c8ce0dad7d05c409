using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Control;

/// <summary>
/// The daemon's own state changes as structured events with stable ids (1-99): start, stop, signals,
/// endpoints, and the runtime's messages (setup, reload, worker failure). Never per packet.
/// </summary>
public static partial class DirectorHostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Message}")]
    public static partial void RuntimeInfo(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void RuntimeWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Message}")]
    public static partial void RuntimeError(ILogger logger, string message);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Director {Name} starting from {Config}")]
    public static partial void Starting(ILogger logger, string name, string config);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Director {Name} ready: admin on {AdminSocket}, metrics on {Metrics}")]
    public static partial void Ready(ILogger logger, string name, string adminSocket, string metrics);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Director {Name} stopping")]
    public static partial void Stopping(ILogger logger, string name);

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "Director could not start or failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "SIGHUP: reloading {Config}")]
    public static partial void ReloadSignal(ILogger logger, string config);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Admin endpoint listening on {Endpoint} ({Kind})")]
    public static partial void AdminListening(ILogger logger, string endpoint, string kind);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Admin request failed")]
    public static partial void AdminRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Metrics endpoint listening on http://{Endpoint}/metrics")]
    public static partial void MetricsListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Metrics request failed")]
    public static partial void MetricsRequestFailed(ILogger logger, Exception exception);
}
