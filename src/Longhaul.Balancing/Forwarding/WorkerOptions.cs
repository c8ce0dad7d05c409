using Longhaul.Balancing.Flows;

namespace Longhaul.Balancing.Forwarding;

/// <summary>Sizing of one worker's state.</summary>
/// <param name="FlowCapacity">Flow-table slots for this worker (rounded up to a power of two).</param>
/// <param name="NewFlowsPerSecond">Inserts per second before new flows go stateless.</param>
/// <param name="SweepBudget">Flow slots examined for expiry after each batch.</param>
public sealed record WorkerOptions(
    int FlowCapacity = 1 << 20,
    FlowTimeouts? Timeouts = null,
    int NewFlowsPerSecond = NewFlowLimiter.KatranDefault,
    int PersistenceCapacity = 1 << 16,
    int SweepBudget = 256)
{
    public FlowTimeouts EffectiveTimeouts => Timeouts ?? FlowTimeouts.Default;
}
