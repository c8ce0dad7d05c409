using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Health.Tests;

/// <summary>Records what the monitor asked the director to do, with the fake clock's time.</summary>
internal sealed class RecordingActions(ManualTimeProvider time) : IHealthActions
{
    public List<(TimeSpan At, NetAddress Real, bool Healthy)> RealChanges { get; } = [];

    public List<(TimeSpan At, ServiceKey Service, bool Below)> QuorumChanges { get; } = [];

    public void SetRealHealth(ServiceKey service, NetAddress real, bool healthy) => RealChanges.Add((time.Elapsed, real, healthy));

    public void SetBelowQuorum(ServiceKey service, bool belowQuorum) => QuorumChanges.Add((time.Elapsed, service, belowQuorum));
}
