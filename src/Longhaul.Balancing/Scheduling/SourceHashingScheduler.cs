using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// sh as <c>ip_vs_sh.c</c>: 256 buckets filled by walking the list, each real taking <c>weight</c> consecutive
/// buckets per pass (a weight-0 real still takes one: the kernel's <c>++count &gt;= weight</c> test). Every listed real
/// gets buckets; an unavailable or weight-0 real's sources get no real (-1), unless sh-fallback, which probes
/// <c>(offset + 2·hash) mod 256</c> for offset 0..255 exactly as the kernel's re-probe does.
/// </summary>
internal sealed class SourceHashingScheduler : Scheduler
{
    private readonly int[] _buckets = new int[AddressKeyHash.Buckets];
    private readonly bool[] _usable;
    private readonly uint _seed;
    private readonly bool _hashPort;
    private readonly bool _fallback;

    public SourceHashingScheduler(SchedulerReal[] reals, SchedulerOptions options)
    {
        _seed = AddressKeyHash.FoldSeed(options.Seed);
        _hashPort = options.HashSourcePort;
        _fallback = options.Fallback;
        _usable = new bool[reals.Length];
        for (int i = 0; i < reals.Length; i++)
        {
            _usable[i] = reals[i].IsEligible;
        }

        if (reals.Length == 0)
        {
            Array.Fill(_buckets, -1);
            return;
        }

        int current = 0;
        int taken = 0;
        for (int b = 0; b < _buckets.Length; b++)
        {
            _buckets[b] = current;
            if (++taken >= reals[current].Weight)
            {
                current = current + 1 == reals.Length ? 0 : current + 1;
                taken = 0;
            }
        }
    }

    public override SchedulerKind Kind => SchedulerKind.SourceHashing;

    public override int Pick(in FlowKey flow, ulong flowHash, ConnectionCounts counts)
    {
        int[] buckets = _buckets;
        ushort port = _hashPort ? flow.SourcePort : (ushort)0;
        int hash = AddressKeyHash.SourceBucket(AddressKeyHash.FoldAddress(flow.Source), port, _seed);
        int real = buckets[hash];
        if (real < 0 || _usable[real])
        {
            return real;
        }

        if (!_fallback)
        {
            return -1;
        }

        for (int offset = 0; offset < buckets.Length; offset++)
        {
            // The kernel re-hashes with offset (offset + ihash), so the probe starts at 2·ihash.
            real = buckets[(offset + hash + hash) & (AddressKeyHash.Buckets - 1)];
            if (_usable[real])
            {
                return real;
            }
        }

        return -1;
    }
}
