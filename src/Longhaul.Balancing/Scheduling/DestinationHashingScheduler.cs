using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// dh as <c>ip_vs_dh.c</c>: 256 buckets filled round robin over the whole list (weights do not matter), keyed on the
/// destination address. A bucket whose real is unavailable or weight 0 gives -1: the kernel has no fallback here.
/// </summary>
internal sealed class DestinationHashingScheduler : Scheduler
{
    private readonly int[] _buckets = new int[AddressKeyHash.Buckets];
    private readonly uint _seed;

    public DestinationHashingScheduler(SchedulerReal[] reals, SchedulerOptions options)
    {
        _seed = AddressKeyHash.FoldSeed(options.Seed);
        for (int b = 0; b < _buckets.Length; b++)
        {
            // Resolving usability here keeps Pick to one load.
            _buckets[b] = reals.Length == 0 || !reals[b % reals.Length].IsEligible ? -1 : b % reals.Length;
        }
    }

    public override SchedulerKind Kind => SchedulerKind.DestinationHashing;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts) =>
        _buckets[AddressKeyHash.DestinationBucket(AddressKeyHash.FoldAddress(flow.Destination), _seed)];
}
