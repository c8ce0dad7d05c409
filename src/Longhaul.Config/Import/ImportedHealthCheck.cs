namespace Longhaul.Config.Import;

/// <summary>
/// A health check in the contract's <c>health-check</c> keys. A value-equal record, so that reals which all carry
/// the same check collapse into one service-level check.
/// </summary>
/// <param name="Kind">tunnel, tcp, http, https or exec.</param>
/// <param name="Port">Only when it differs from the service port.</param>
/// <param name="Interval">Seconds between checks (keepalived delay_loop).</param>
/// <param name="Timeout">Seconds (connect_timeout, misc_timeout).</param>
/// <param name="Fall">Consecutive failures that mark a real down.</param>
/// <param name="OnFailure">inhibit or remove.</param>
internal sealed record ImportedHealthCheck(
    string Kind,
    int? Port,
    string? Path,
    int? Status,
    string? Host,
    string? Command,
    double Interval,
    double Timeout,
    int Rise,
    int Fall,
    string OnFailure);
