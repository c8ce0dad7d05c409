using Longhaul.Config;

namespace Longhaul.Health;

/// <summary>One real's health as shown by <c>ctl list</c> and metrics.</summary>
/// <param name="LastDetail">What the last probe said ("ok", "connect ...: ConnectionRefused", "timeout", ...).</param>
/// <param name="Transitions">Up/down changes since the director started.</param>
public sealed record RealHealth(
    HealthStatus Status,
    HealthCheckKind Kind,
    DateTimeOffset Since,
    string LastDetail,
    bool LastSucceeded,
    long Checks,
    long Failures,
    long Transitions);
