using Longhaul.Balancing.Model;
using Longhaul.Config;

namespace Longhaul.Health;

/// <summary>
/// The forwarding definition in force: the configured one combined with health. A failed real becomes
/// Draining (on-failure inhibit: weight 0, keeps its flows) or Down (remove: its flows are rescheduled); a
/// configured state that is already worse stays. A service with a sorry server gets it as one more real with
/// weight 1: while the service is below quorum it is the only active real (the others drain), otherwise it
/// drains (takes nothing new, keeps what it had).
/// </summary>
public static class HealthComposer
{
    /// <summary>The data-center label of the sorry server's real, shown by <c>ctl list</c>.</summary>
    public const string SorryDataCenter = "sorry-server";

    public static BalancerDefinition Compose(
        BalancerDefinition configured, IReadOnlyDictionary<ServiceKey, ServiceSettings> settings, HealthView health)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(health);
        var services = new List<ServiceDefinition>(configured.Services.Count);
        foreach (ServiceDefinition service in configured.Services)
        {
            ServiceSettings? serviceSettings = settings.TryGetValue(service.Key, out ServiceSettings? s) ? s : null;
            bool sorryInUse = serviceSettings?.SorryServer is not null && health.IsBelowQuorum(service.Key);
            var reals = new List<RealDefinition>(service.Reals.Count + 1);
            foreach (RealDefinition real in service.Reals)
            {
                RealState state = real.State;
                if (!health.IsHealthy(service.Key, real.Address))
                {
                    FailureAction action = serviceSettings?.CheckFor(real.Address)?.OnFailure ?? FailureAction.Inhibit;
                    state = Worse(state, action == FailureAction.Remove ? RealState.Down : RealState.Draining);
                }

                if (sorryInUse)
                {
                    state = Worse(state, RealState.Draining);
                }

                reals.Add(state == real.State ? real : real with { State = state });
            }

            if (serviceSettings?.SorryServer is { } sorry && !reals.Exists(r => r.Address == sorry))
            {
                reals.Add(new RealDefinition(
                    sorry, service.Port, Weight: 1, sorryInUse ? RealState.Active : RealState.Draining, SorryDataCenter));
            }

            services.Add(service with { Reals = reals });
        }

        return configured with { Services = services };
    }

    private static RealState Worse(RealState a, RealState b) => (RealState)Math.Max((int)a, (int)b);
}
