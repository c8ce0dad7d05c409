using System.Runtime.CompilerServices;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Where the director's own tunnel health probes go. A probe is an ordinary TCP connection from a director
/// address and a port the checker chose, to VIP:port; the kernel routes it into the TUN like a client packet.
/// This table says which real each (director address, port) probes, so the probe follows the client's path
/// to exactly that real, bypassing the scheduler and the flow table. Immutable and bound to one snapshot's real
/// ids (<see cref="ForwardingSnapshot.WithSteering"/>); lookups are two address compares and an array read.
/// </summary>
public sealed class HealthSteering
{
    private static readonly int[] s_noPorts = [];

    private readonly bool _active;
    private readonly NetAddress _sourceV4;
    private readonly NetAddress _sourceV6;
    private readonly int _firstPortV4;
    private readonly int _firstPortV6;

    // Per port from the first port: real id + 1, 0 = no route (a fresh array reads as "nothing"), -1 = a route to
    // a real this snapshot does not have.
    private readonly int[] _realsV4;
    private readonly int[] _realsV6;

    private HealthSteering(
        IReadOnlyList<SteeringRoute> routes, NetAddress sourceV4, NetAddress sourceV6, int firstPortV4, int[] realsV4, int firstPortV6, int[] realsV6)
    {
        Routes = routes;
        _active = routes.Count != 0;
        _sourceV4 = sourceV4;
        _sourceV6 = sourceV6;
        _firstPortV4 = firstPortV4;
        _realsV4 = realsV4;
        _firstPortV6 = firstPortV6;
        _realsV6 = realsV6;
    }

    /// <summary>No probes: every packet takes the client path.</summary>
    public static HealthSteering Empty { get; } = new([], NetAddress.None, NetAddress.None, 0, s_noPorts, 0, s_noPorts);

    /// <summary>The routes this table was built from (rebound after every recompile).</summary>
    public IReadOnlyList<SteeringRoute> Routes { get; }

    /// <summary>
    /// The cheap first test, done before anything else for every packet: is the source one of the addresses
    /// probes leave from? Clients never are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsProbeSource(NetAddress source) =>
        _active && (source == _sourceV4 || source == _sourceV6);

    /// <summary>
    /// The real id a probe from (<paramref name="source"/>, <paramref name="port"/>) goes to; -1 when no probe
    /// uses them (the packet is a client's), -2 when a probe does but its real is not in the snapshot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindReal(NetAddress source, ushort port)
    {
        int[] reals;
        int index;
        if (source.IsIPv4)
        {
            reals = _realsV4;
            index = port - _firstPortV4;
        }
        else
        {
            reals = _realsV6;
            index = port - _firstPortV6;
        }

        return (uint)index < (uint)reals.Length ? reals[index] - 1 : -1;
    }

    /// <summary>
    /// Resolves <paramref name="routes"/> against <paramref name="snapshot"/>'s real ids. Routes to a real the
    /// snapshot does not have are kept (so they come back if the real does); their probes are dropped, never
    /// scheduled to some other real that would answer for it.
    /// </summary>
    /// <exception cref="ArgumentException">Routes from more than one address per family, or two routes on one port.</exception>
    public static HealthSteering Bind(IReadOnlyList<SteeringRoute> routes, ForwardingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (routes.Count == 0)
        {
            return Empty;
        }

        NetAddress sourceV4 = NetAddress.None;
        NetAddress sourceV6 = NetAddress.None;
        int minV4 = int.MaxValue, maxV4 = -1, minV6 = int.MaxValue, maxV6 = -1;
        foreach (SteeringRoute route in routes)
        {
            if (route.Source.IsIPv4)
            {
                sourceV4 = OneSource(sourceV4, route.Source);
                minV4 = Math.Min(minV4, route.SourcePort);
                maxV4 = Math.Max(maxV4, route.SourcePort);
            }
            else
            {
                sourceV6 = OneSource(sourceV6, route.Source);
                minV6 = Math.Min(minV6, route.SourcePort);
                maxV6 = Math.Max(maxV6, route.SourcePort);
            }
        }

        int[] realsV4 = maxV4 < 0 ? s_noPorts : new int[maxV4 - minV4 + 1];
        int[] realsV6 = maxV6 < 0 ? s_noPorts : new int[maxV6 - minV6 + 1];
        var seen = new HashSet<(bool, ushort)>();
        foreach (SteeringRoute route in routes)
        {
            bool v4 = route.Source.IsIPv4;
            if (!seen.Add((v4, route.SourcePort)))
            {
                throw new ArgumentException($"two health probes use source port {route.SourcePort} from {route.Source}", nameof(routes));
            }

            CompiledReal? real = Resolve(snapshot, route);
            (v4 ? realsV4 : realsV6)[route.SourcePort - (v4 ? minV4 : minV6)] = real is null ? -1 : real.RealId + 1;
        }

        return new HealthSteering(routes, sourceV4, sourceV6, minV4 == int.MaxValue ? 0 : minV4, realsV4, minV6 == int.MaxValue ? 0 : minV6, realsV6);
    }

    private static NetAddress OneSource(NetAddress current, NetAddress next)
    {
        if (!current.IsNone && current != next)
        {
            throw new ArgumentException($"health probes must leave from one address per family, not both {current} and {next}");
        }

        return next;
    }

    private static CompiledReal? Resolve(ForwardingSnapshot snapshot, SteeringRoute route)
    {
        foreach (CompiledService service in snapshot.Services)
        {
            if (service.Key != route.Service)
            {
                continue;
            }

            foreach (CompiledReal real in service.SchedulerOrder)
            {
                if (real.Address == route.Real && (route.RealPort == 0 || real.Definition.Port == route.RealPort))
                {
                    return real;
                }
            }
        }

        return null;
    }
}
