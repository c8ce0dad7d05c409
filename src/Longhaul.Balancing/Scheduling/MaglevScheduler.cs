using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// Weighted Maglev, Longhaul's default. The lookup key is the pipeline's seeded 5-tuple hash, so the choice is a
/// pure function of (config, seed, 5-tuple) and every director behind ECMP picks the same real for a flow.
/// Unusable reals are not in the table (it is rebuilt with the snapshot), so there is nothing to fall back from:
/// <see cref="SchedulerOptions.Fallback"/> and <see cref="SchedulerOptions.HashSourcePort"/> do not apply.
/// Public so the control plane can build the table itself and show <see cref="MaglevTable.Fingerprint"/>.
/// </summary>
public sealed class MaglevScheduler : Scheduler
{
    public MaglevScheduler(MaglevTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
    }

    public MaglevTable Table { get; }

    public override SchedulerKind Kind => SchedulerKind.Maglev;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts) => Table.Lookup(flowHash);
}
