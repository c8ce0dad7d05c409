using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// One real server of a service as a scheduler sees it. Schedulers receive these in the service's list order
/// (the order IPVS would keep: newest first), because ties and round-robin cursors depend on it.
/// </summary>
/// <param name="RealId">Stable id across config snapshots; indexes <see cref="ConnectionCounts"/>.</param>
/// <param name="Address">With <paramref name="Port"/>, the real's identity for Maglev, so directors agree whatever the list order.</param>
/// <param name="Weight">0 .. <see cref="Scheduler.MaxWeight"/>; 0 means quiesced: no new flows.</param>
/// <param name="Available">False when the real is down or over its connection threshold.</param>
public readonly record struct SchedulerReal(int RealId, NetAddress Address, ushort Port, int Weight, bool Available)
{
    /// <summary>May take new flows: available and not quiesced. Every scheduler except sh/dh filling uses this test.</summary>
    public bool IsEligible => Available && Weight > 0;
}
