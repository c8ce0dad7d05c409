using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>
/// Everything the monitor checks, derived from the configuration: one <see cref="HealthTarget"/> per (service,
/// real) with a check, and each service's quorum rule. Tunnel checks get source ports from
/// <see cref="FirstProbePort"/> upward, in configuration order, so the same configuration gives the same ports.
/// </summary>
public sealed record HealthPlan(IReadOnlyList<HealthTarget> Targets, IReadOnlyList<ServicePlan> Services, IReadOnlyList<string> Warnings)
{
    /// <summary>Above Linux's default ephemeral range (32768-60999), so no other socket of the director takes these ports.</summary>
    public const ushort FirstProbePort = 61000;

    public static HealthPlan Empty { get; } = new([], [], []);

    public static HealthPlan From(
        BalancerDefinition definition, IReadOnlyDictionary<ServiceKey, ServiceSettings> settings, ushort firstProbePort = FirstProbePort)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(settings);
        var targets = new List<HealthTarget>();
        var services = new List<ServicePlan>();
        var warnings = new List<string>();
        int nextPort = firstProbePort;
        foreach (ServiceDefinition service in definition.Services)
        {
            ServiceSettings serviceSettings = settings.TryGetValue(service.Key, out ServiceSettings? s) ? s : ServiceSettings.Default;
            var reals = new List<PlannedReal>(service.Reals.Count);
            foreach (RealDefinition real in service.Reals)
            {
                reals.Add(new PlannedReal(real.Address, real.State == RealState.Active && real.Weight > 0));
                HealthCheckSettings? check = serviceSettings.CheckFor(real.Address);
                if (check is null)
                {
                    continue;
                }

                var target = new HealthTarget(service.Key, real.Address, real.Port, check);
                if (target.Port == 0)
                {
                    warnings.Add($"{target}: no port to probe (every-port service, no check or real port); not checked");
                    continue;
                }

                if (check.Kind == HealthCheckKind.Tunnel)
                {
                    if (service.Protocol != IpProtocol.Tcp)
                    {
                        warnings.Add($"{target}: tunnel checks are TCP and this service is {service.Protocol}; not checked");
                        continue;
                    }

                    NetAddress source = service.Vip.IsIPv4 ? definition.Tunnel.SourceV4 : definition.Tunnel.SourceV6;
                    if (source.IsNone || nextPort > ushort.MaxValue)
                    {
                        warnings.Add($"{target}: no director address or probe port left for a tunnel check; not checked");
                        continue;
                    }

                    target = target with { ProbeSource = source, ProbeSourcePort = (ushort)nextPort++ };
                }

                targets.Add(target);
            }

            services.Add(new ServicePlan(service.Key, serviceSettings.Quorum, serviceSettings.SorryServer, reals));
        }

        return new HealthPlan(targets, services, warnings);
    }
}
