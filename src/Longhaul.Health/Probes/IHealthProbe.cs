namespace Longhaul.Health.Probes;

/// <summary>One kind of check against one real. The token is cancelled at the check's timeout.</summary>
public interface IHealthProbe
{
    /// <summary>Runs the check once. A failure is a result, not an exception; cancellation may throw.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellation);
}
