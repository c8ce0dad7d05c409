using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;
using Microsoft.Extensions.Logging;

namespace Longhaul.Health;

/// <summary>Health state changes as structured events with stable ids (500-599). Never per check.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "{Target} is down after {Fall} failed checks: {Detail}; action {Action}")]
    public static partial void RealDown(ILogger logger, HealthTarget target, int fall, string detail, FailureAction action);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "{Target} is up after {Rise} passed checks")]
    public static partial void RealUp(ILogger logger, HealthTarget target, int rise);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Service {Service} is below quorum: {Healthy} healthy of {Quorum} needed; sorry server {Sorry}")]
    public static partial void QuorumLost(ILogger logger, ServiceKey service, int healthy, int quorum, NetAddress? sorry);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Service {Service} is back at quorum: {Healthy} healthy of {Quorum} needed")]
    public static partial void QuorumRegained(ILogger logger, ServiceKey service, int healthy, int quorum);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Health check not run: {Reason}")]
    public static partial void NotChecked(ILogger logger, string reason);

    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Health checks: {Count} checks started ({Tunnel} through the tunnel)")]
    public static partial void Started(ILogger logger, int count, int tunnel);

    [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "Publishing the effective configuration after a health change failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 506, Level = LogLevel.Error, Message = "Health action for {Target} failed")]
    public static partial void ActionFailed(ILogger logger, HealthTarget target, Exception exception);
}
