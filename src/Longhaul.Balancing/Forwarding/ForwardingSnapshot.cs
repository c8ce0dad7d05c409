using System.Runtime.CompilerServices;
using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The immutable forwarding state that workers read: services by key, reals by stable id, Maglev tables
/// prebuilt. A new one is compiled off the data path and published with one volatile write
/// (<see cref="SnapshotHolder"/>); flow tables live outside it, so a swap keeps established flows.
/// </summary>
public sealed class ForwardingSnapshot
{
    /// <summary>Katran's limits: enough for the largest deployments the design targets, small enough for flat arrays.</summary>
    public const int MaxServices = 512;

    public const int MaxReals = 4096;

    private readonly ServiceIndex _services;
    private readonly CompiledReal?[] _realsById;

    internal ForwardingSnapshot(
        long version,
        BalancerDefinition definition,
        ServiceIndex services,
        CompiledService[] serviceList,
        CompiledReal?[] realsById,
        IReadOnlyList<SteeringRoute>? steeringRoutes = null)
    {
        Version = version;
        Definition = definition;
        _services = services;
        TunnelMtu = definition.Tunnel.Mtu;
        Services = serviceList;
        _realsById = realsById;
        Steering = steeringRoutes is null || steeringRoutes.Count == 0 ? HealthSteering.Empty : HealthSteering.Bind(steeringRoutes, this);
    }

    /// <summary>Increases by one with every published snapshot.</summary>
    public long Version { get; }

    public BalancerDefinition Definition { get; }

    public ulong HashSeed => Definition.HashSeed;

    public TunnelSettings Tunnel => Definition.Tunnel;

    /// <summary><see cref="TunnelSettings.Mtu"/>, kept beside the snapshot's other per-packet fields.</summary>
    public int TunnelMtu { get; }

    /// <summary>
    /// Where the director's own tunnel health probes go, bound to this snapshot's real ids. Published with the
    /// snapshot so a worker's batch sees probes and reals from the same configuration.
    /// </summary>
    public HealthSteering Steering { get; }

    /// <summary>Services in configuration order.</summary>
    public IReadOnlyList<CompiledService> Services { get; }

    /// <summary>
    /// Finds the service for a destination: first the exact port, then the VIP's every-port service (port 0),
    /// as IPVS matches a service with port 0 for any port when persistence is on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledService? FindService(IpProtocol protocol, NetAddress vip, ushort port)
    {
        return _services.Find(protocol, vip, port) ?? (port != 0 ? _services.Find(protocol, vip, 0) : null);
    }

    /// <summary>
    /// The same forwarding state with other health-probe routes (same version: probes are not configuration).
    /// Cheap: the compiled services, schedulers and tables are shared.
    /// </summary>
    public ForwardingSnapshot WithSteering(IReadOnlyList<SteeringRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new ForwardingSnapshot(Version, Definition, _services, [.. Services], _realsById, routes);
    }

    /// <summary>The real with this id, or null when it was removed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledReal? FindReal(int realId) =>
        (uint)realId < (uint)_realsById.Length ? _realsById[realId] : null;

    public IEnumerable<CompiledReal> Reals
    {
        get
        {
            foreach (CompiledService service in Services)
            {
                for (int i = service.SchedulerOrder.Length - 1; i >= 0; i--)
                {
                    yield return service.SchedulerOrder[i];
                }
            }
        }
    }
}
