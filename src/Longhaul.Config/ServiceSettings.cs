using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>
/// What a service has in the configuration beyond what the forwarding definition carries: its health check,
/// quorum and sorry server (issue 5 acts on them), and per-real check overrides.
/// </summary>
/// <param name="Quorum">Minimum healthy reals; below it new flows go to <paramref name="SorryServer"/> when there is one.</param>
/// <param name="RealHealthChecks">Effective check of each real whose <c>health-check:</c> overrides the service's (already merged over it).</param>
public sealed record ServiceSettings(
    HealthCheckSettings? HealthCheck = null,
    int Quorum = 1,
    NetAddress? SorryServer = null,
    IReadOnlyDictionary<NetAddress, HealthCheckSettings>? RealHealthChecks = null)
{
    public static ServiceSettings Default { get; } = new();

    /// <summary>The check that applies to the real at <paramref name="address"/>: its override, else the service's.</summary>
    public HealthCheckSettings? CheckFor(NetAddress address) =>
        RealHealthChecks is not null && RealHealthChecks.TryGetValue(address, out HealthCheckSettings? check) ? check : HealthCheck;
}
