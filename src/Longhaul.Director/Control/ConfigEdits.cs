using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>
/// Runtime edits as pure functions from one configuration to the next. They check only what they must to find
/// their target; the new configuration is then validated whole by the same reader as a file (see
/// <see cref="ControlPlane"/>), so an edit can never produce what a restart would refuse.
/// </summary>
public static class ConfigEdits
{
    public static DirectorConfig AddService(DirectorConfig config, ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(service);
        if (Find(config, service.Key) >= 0)
        {
            throw new AdminException($"service {service.Key} already exists (use edit-service)");
        }

        return WithServices(config, [.. config.Balancer.Services, service]);
    }

    public static DirectorConfig EditService(DirectorConfig config, ServiceKey key, Func<ServiceDefinition, ServiceDefinition> change)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(change);
        int index = Require(config, key);
        var services = config.Balancer.Services.ToList();
        services[index] = change(services[index]);
        return WithServices(config, services);
    }

    public static DirectorConfig RemoveService(DirectorConfig config, ServiceKey key)
    {
        ArgumentNullException.ThrowIfNull(config);
        int index = Require(config, key);
        var services = config.Balancer.Services.ToList();
        services.RemoveAt(index);
        var settings = new Dictionary<ServiceKey, ServiceSettings>(config.ServiceSettings);
        settings.Remove(key);
        return WithServices(config, services) with { ServiceSettings = settings };
    }

    public static DirectorConfig AddReal(DirectorConfig config, ServiceKey key, RealDefinition real)
    {
        ArgumentNullException.ThrowIfNull(real);
        return EditService(config, key, service =>
        {
            if (service.Reals.Any(r => r.Address == real.Address))
            {
                throw new AdminException($"real {real.Address} is already in service {key} (use edit-real)");
            }

            return service with { Reals = [.. service.Reals, real] };
        });
    }

    public static DirectorConfig EditReal(DirectorConfig config, ServiceKey key, NetAddress address, Func<RealDefinition, RealDefinition> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return EditService(config, key, service =>
        {
            var reals = service.Reals.ToList();
            int index = reals.FindIndex(r => r.Address == address);
            if (index < 0)
            {
                throw new AdminException($"service {key} has no real {address}");
            }

            reals[index] = change(reals[index]);
            return service with { Reals = reals };
        });
    }

    public static DirectorConfig RemoveReal(DirectorConfig config, ServiceKey key, NetAddress address) =>
        EditService(config, key, service =>
        {
            var reals = service.Reals.ToList();
            if (reals.RemoveAll(r => r.Address == address) == 0)
            {
                throw new AdminException($"service {key} has no real {address}");
            }

            return service with { Reals = reals };
        });

    /// <summary>Maps ipvsadm -b flags onto the definition; the validator then checks they fit the scheduler.</summary>
    public static ServiceDefinition WithFlags(ServiceDefinition service, IReadOnlyList<string> flags)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(flags);
        bool port = false, fallback = false;
        foreach (string flag in flags)
        {
            string name = flag.Trim().ToLowerInvariant();
            switch (name)
            {
                case "sh-port" or "mh-port": port = true; break;
                case "sh-fallback" or "mh-fallback": fallback = true; break;
                default: throw new AdminException($"'{flag}' is not a scheduler flag (sh-port, sh-fallback, mh-port, mh-fallback)");
            }

            SchedulerKind wants = name.StartsWith("sh-", StringComparison.Ordinal) ? SchedulerKind.SourceHashing : SchedulerKind.Maglev;
            if (service.Scheduler != wants)
            {
                throw new AdminException($"{name} applies to the {SchedulerNames.ToName(wants)} scheduler only, not {SchedulerNames.ToName(service.Scheduler)}");
            }
        }

        return service with { HashSourcePort = port, Fallback = fallback };
    }

    private static int Find(DirectorConfig config, ServiceKey key)
    {
        IReadOnlyList<ServiceDefinition> services = config.Balancer.Services;
        for (int i = 0; i < services.Count; i++)
        {
            if (services[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Require(DirectorConfig config, ServiceKey key)
    {
        int index = Find(config, key);
        return index >= 0 ? index : throw new AdminException($"no service {key}");
    }

    private static DirectorConfig WithServices(DirectorConfig config, IReadOnlyList<ServiceDefinition> services) =>
        config with { Balancer = config.Balancer with { Services = services } };
}
