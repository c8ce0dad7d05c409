using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>A service's quorum rule: below <paramref name="Quorum"/> healthy in-service reals, the sorry server takes over.</summary>
public sealed record ServicePlan(ServiceKey Service, int Quorum, NetAddress? SorryServer, IReadOnlyList<PlannedReal> Reals);
