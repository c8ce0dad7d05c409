using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>
/// What the director does when health changes: typically recompose the forwarding definition from the
/// configuration and <see cref="HealthMonitor.View"/> (<see cref="HealthComposer.Compose"/>) and publish a new
/// snapshot. Called one change at a time, in order, never concurrently.
/// </summary>
public interface IHealthActions
{
    /// <summary>A checked real went down (<paramref name="healthy"/> false) or came back up.</summary>
    void SetRealHealth(ServiceKey service, NetAddress real, bool healthy);

    /// <summary>A service fell below its quorum (the sorry server takes new flows) or got back above it.</summary>
    void SetBelowQuorum(ServiceKey service, bool belowQuorum);
}
