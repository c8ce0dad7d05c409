using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Announce;

/// <summary>The announcer's state changes (event ids 200-299): one line per VIP announced or withdrawn, with the reason.</summary>
internal static partial class AnnounceLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Announcing {Prefix} (table {Table}): {Reason}")]
    public static partial void Announced(ILogger logger, string prefix, int table, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Withdrawing {Prefix} (table {Table}): {Reason}")]
    public static partial void Withdrawn(ILogger logger, string prefix, int table, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Announce route for {Prefix} (table {Table}) failed, retrying every interval: {Error}")]
    public static partial void RouteFailed(ILogger logger, string prefix, int table, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Announcer started: table {Table} through {Device}, every {IntervalMs} ms, a worker silent for {StallMs} ms means the data path is broken")]
    public static partial void Started(ILogger logger, int table, string device, long intervalMs, long stallMs);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Announcer step failed: {Error}")]
    public static partial void StepFailed(ILogger logger, string error);
}
