namespace Longhaul.Config;

/// <summary>
/// One health check as configured (<c>health-check:</c> of a service, or a real's override merged over it).
/// Validated whole by the reader; issue 5's checker consumes it.
/// </summary>
/// <param name="Port">Port to probe; null means the service port.</param>
/// <param name="Path">HTTP(S) request path; always starts with '/'.</param>
/// <param name="Status">HTTP(S) status that counts as healthy.</param>
/// <param name="BodyContains">HTTP(S): the body must contain this text; null for no body check.</param>
/// <param name="Host">HTTP(S) Host header; null uses the address probed.</param>
/// <param name="Command">exec: the command line to run.</param>
/// <param name="Rise">Consecutive successes that mark a down real up.</param>
/// <param name="Fall">Consecutive failures that mark an up real down.</param>
/// <param name="Jitter">Fraction of the interval (0..1) by which each check is shifted at random, so checks spread.</param>
public sealed record HealthCheckSettings(
    HealthCheckKind Kind,
    ushort? Port = null,
    string Path = "/",
    int Status = 200,
    string? BodyContains = null,
    string? Host = null,
    string? Command = null,
    int Rise = 2,
    int Fall = 3,
    double Jitter = 0,
    FailureAction OnFailure = FailureAction.Inhibit)
{
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Time between checks (keepalived delay_loop).</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>How long one check may take (keepalived connect_timeout).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public bool IsHttp => Kind is HealthCheckKind.Http or HealthCheckKind.Https;
}
