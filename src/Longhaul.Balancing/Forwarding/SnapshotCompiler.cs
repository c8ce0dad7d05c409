using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Turns a <see cref="BalancerDefinition"/> into a <see cref="ForwardingSnapshot"/>: validates it whole (an
/// invalid definition never half-applies), keeps the ids of services and reals that already existed in the
/// previous snapshot so their flows and counters carry over, and builds every scheduler and Maglev table.
/// </summary>
public static class SnapshotCompiler
{
    public static ForwardingSnapshot Compile(BalancerDefinition definition, ForwardingSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        List<string> errors = Validate(definition);
        if (errors.Count > 0)
        {
            throw new SnapshotCompileException(errors);
        }

        var ids = IdAssignment.From(previous);
        var services = new Dictionary<ServiceKey, CompiledService>();
        var serviceList = new CompiledService[definition.Services.Count];
        var realsById = new CompiledReal?[ForwardingSnapshot.MaxReals];
        var options = new SchedulerOptions(definition.HashSeed, definition.MaglevTableSize);

        for (int s = 0; s < definition.Services.Count; s++)
        {
            ServiceDefinition service = definition.Services[s];
            int serviceId = ids.ServiceId(service.Key);

            // IPVS inserts each new destination at the head of its list, so the kernel's order (which decides
            // rr/wrr sequences and every tie) is the reverse of the order they were added: mirror that.
            var order = new CompiledReal[service.Reals.Count];
            var schedulerReals = new SchedulerReal[service.Reals.Count];
            for (int r = 0; r < service.Reals.Count; r++)
            {
                RealDefinition real = service.Reals[r];
                int realId = ids.RealId(service.Key, real);
                NetAddress source = real.Address.IsIPv4 ? definition.Tunnel.SourceV4 : definition.Tunnel.SourceV6;
                var compiled = new CompiledReal(realId, serviceId, real, real.Tunnel ?? definition.Tunnel.Kind, source, definition.Tunnel);
                int position = service.Reals.Count - 1 - r;
                order[position] = compiled;
                schedulerReals[position] = new SchedulerReal(
                    realId,
                    real.Address,
                    real.Port,
                    real.State == RealState.Active ? real.Weight : 0,
                    real.State != RealState.Down);
                realsById[realId] = compiled;
            }

            var serviceOptions = options with { HashSourcePort = service.HashSourcePort, Fallback = service.Fallback };
            Scheduler scheduler = Scheduler.Create(service.Scheduler, schedulerReals, serviceOptions);
            MaglevTable stateless = MaglevTable.Build(schedulerReals, definition.HashSeed, definition.MaglevTableSize);
            var compiledService = new CompiledService(serviceId, service, scheduler, stateless, order);
            services.Add(service.Key, compiledService);
            serviceList[s] = compiledService;
        }

        long version = (previous?.Version ?? 0) + 1;
        // Health probes keep their routes across recompiles; they are rebound to the new ids.
        return new ForwardingSnapshot(
            version, definition, new ServiceIndex(services), serviceList, realsById, previous?.Steering.Routes);
    }

    /// <summary>Every reason the definition cannot be compiled, in a form an operator can act on.</summary>
    public static List<string> Validate(BalancerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<string>();
        if (definition.Services.Count > ForwardingSnapshot.MaxServices)
        {
            errors.Add($"{definition.Services.Count} services: at most {ForwardingSnapshot.MaxServices} are supported");
        }

        if (!MaglevTable.IsValidSize(definition.MaglevTableSize))
        {
            errors.Add($"maglev table size {definition.MaglevTableSize} must be a prime no larger than 16777216");
        }

        if (definition.Tunnel.Mtu is < 1280 or > 65535)
        {
            errors.Add($"tunnel MTU {definition.Tunnel.Mtu} must be between 1280 and 65535");
        }

        var keys = new HashSet<ServiceKey>();
        int realCount = 0;
        foreach (ServiceDefinition service in definition.Services)
        {
            if (!keys.Add(service.Key))
            {
                errors.Add($"service {service.Key} is defined twice");
            }

            if (service.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp))
            {
                errors.Add($"service {service.Key}: protocol must be TCP or UDP");
            }

            var reals = new HashSet<(NetAddress, ushort)>();
            foreach (RealDefinition real in service.Reals)
            {
                realCount++;
                if (!reals.Add((real.Address, real.Port)))
                {
                    errors.Add($"service {service.Key}: real {real.Address}:{real.Port} is listed twice");
                }

                if (real.Weight is < 0 or > 65535)
                {
                    errors.Add($"service {service.Key}: real {real.Address} weight {real.Weight} must be 0..65535");
                }

                NetAddress source = real.Address.IsIPv4 ? definition.Tunnel.SourceV4 : definition.Tunnel.SourceV6;
                if (source.IsNone)
                {
                    string family = real.Address.IsIPv4 ? "IPv4" : "IPv6";
                    errors.Add($"service {service.Key}: real {real.Address} is {family} but the director has no {family} tunnel source address");
                }
            }
        }

        if (realCount > ForwardingSnapshot.MaxReals)
        {
            errors.Add($"{realCount} reals: at most {ForwardingSnapshot.MaxReals} are supported");
        }

        return errors;
    }
}
