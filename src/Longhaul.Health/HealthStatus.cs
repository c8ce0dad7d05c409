namespace Longhaul.Health;

/// <summary>What the checks say about a real.</summary>
public enum HealthStatus
{
    /// <summary>Passing (or not yet failed: like keepalived, reals start up so a restart is not an outage).</summary>
    Up,

    /// <summary>Failed <c>fall</c> times in a row; up again after <c>rise</c> successes in a row.</summary>
    Down,
}
