using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Control;

/// <summary>
/// The control plane's state changes as structured log events with stable ids (100-199): what an operator
/// greps for or alerts on. Never per packet.
/// </summary>
internal static partial class ControlPlaneLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Configuration applied ({What}): config version {Version}, {Services} service(s), {Reals} real(s)")]
    public static partial void Applied(this ILogger logger, string what, long version, int services, int reals);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Change refused ({What}), the running configuration stays: {Reason}")]
    public static partial void Refused(this ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Runtime changes written to {Path}")]
    public static partial void StateWritten(this ILogger logger, string path);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Draining real {Real} of {Service}: waiting up to {TimeoutSeconds} s for its {Active} active connection(s) to end")]
    public static partial void DrainStarted(this ILogger logger, string real, string service, double timeoutSeconds, int active);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Real {Real} of {Service} drained ({Active} active connection(s) left after {Seconds} s)")]
    public static partial void DrainFinished(this ILogger logger, string real, string service, int active, double seconds);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Counters zeroed for ctl list (metrics keep counting)")]
    public static partial void Zeroed(this ILogger logger);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Using state file {StateFile} (newer than {ConfigFile}); delete it to start from the configuration file")]
    public static partial void UsingStateFile(this ILogger logger, string stateFile, string configFile);
}
