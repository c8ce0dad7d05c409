using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// One health probe's route: packets from the director's own <paramref name="Source"/> and
/// <paramref name="SourcePort"/> to the service's VIP go to this real, whatever its weight or state.
/// Reals are named by service and address (not by id) so a route survives recompiles that renumber reals.
/// </summary>
public readonly record struct SteeringRoute(NetAddress Source, ushort SourcePort, ServiceKey Service, NetAddress Real, ushort RealPort = 0);
