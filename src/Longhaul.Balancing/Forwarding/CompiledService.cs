using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;

namespace Longhaul.Balancing.Forwarding;

/// <summary>A virtual service compiled for the data path: its scheduler, its stateless Maglev table and its reals.</summary>
public sealed class CompiledService
{
    internal CompiledService(
        int serviceId,
        ServiceDefinition definition,
        Scheduler scheduler,
        MaglevTable statelessTable,
        CompiledReal[] schedulerOrder)
    {
        ServiceId = serviceId;
        Definition = definition;
        Scheduler = scheduler;
        StatelessTable = statelessTable;
        SchedulerOrder = schedulerOrder;
    }

    public int ServiceId { get; }

    public ServiceDefinition Definition { get; }

    public ServiceKey Key => Definition.Key;

    public Scheduler Scheduler { get; }

    /// <summary>
    /// A Maglev table over the same reals, used whatever the scheduler when a flow must be placed without state:
    /// above the new-flow rate limit, and for ICMP errors about flows this director has not seen. Every director
    /// with the same config agrees on it.
    /// </summary>
    public MaglevTable StatelessTable { get; }

    /// <summary>Reals in the order the scheduler sees them (IPVS list order: the reverse of the configured order).</summary>
    public CompiledReal[] SchedulerOrder { get; }

    public PersistenceSettings? Persistence => Definition.Persistence;
}
