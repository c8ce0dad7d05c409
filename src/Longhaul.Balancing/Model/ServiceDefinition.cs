using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Model;

/// <summary>A virtual service and its real servers, in the order the operator listed them.</summary>
/// <param name="HashSourcePort">sh-port / mh-port: include the client port in sh's and Maglev's key.</param>
/// <param name="Fallback">sh-fallback / mh-fallback: re-probe when the hashed real is unavailable.</param>
public sealed record ServiceDefinition(
    IpProtocol Protocol,
    NetAddress Vip,
    ushort Port,
    IReadOnlyList<RealDefinition> Reals,
    SchedulerKind Scheduler = SchedulerKind.Maglev,
    PersistenceSettings? Persistence = null,
    bool HashSourcePort = false,
    bool Fallback = false)
{
    public ServiceKey Key => new(Protocol, Vip, Port);
}
