using System.Buffers.Binary;
using System.IO.Hashing;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// A weighted Maglev lookup table (Eisenbud et al., NSDI 2016): M slots, M prime, each holding the list index of a
/// real. Immutable once built; build it in the control plane and publish it with the snapshot.
/// <para>
/// Construction. Each eligible real (available, weight &gt; 0) has a preference permutation of the slots,
/// <c>offset + j·skip mod M</c>, where offset and skip come from XxHash3 of its identity (16-byte address and
/// big-endian port) under two seeds derived from the configured seed. Reals take turns claiming their next free
/// preferred slot until the table is full. Weights decide how often a real's turn comes: per round each real adds
/// its weight to a credit and takes a turn each time the credit reaches the largest weight (Katran's Maglev V2 idea,
/// with credits starting full so every real claims a first slot in round one). Credits alone leave the last,
/// partial round to decide a few slots, so each real also stops at a quota: M·weight/Σweight rounded by largest
/// remainder (ties to identity order). Every real owns its weighted share of M to within one slot.
/// </para>
/// <para>
/// Directors must agree whatever order their config lists the reals in, so turns are taken in identity order
/// (address, then port), never list order; only the stored list indices depend on the caller's list.
/// </para>
/// </summary>
public sealed class MaglevTable
{
    /// <summary>Katran's ring size: a prime comfortably above 100 × 12 reals, 128 KiB as 16-bit slots.</summary>
    public const int DefaultSize = 65537;

    /// <summary>Bounds the memory a config can ask for (32 MiB of slots); Cilium stops at 131071.</summary>
    public const int MaxSize = 1 << 24;

    /// <summary>Slots hold 16-bit list indices; this value marks a free slot while building.</summary>
    private const ushort FreeSlot = ushort.MaxValue;

    private readonly ushort[] _slots;
    private readonly int[] _slotCounts;

    private MaglevTable(int size, ushort[] slots, int[] slotCounts, ulong fingerprint)
    {
        Size = size;
        _slots = slots;
        _slotCounts = slotCounts;
        Fingerprint = fingerprint;
    }

    /// <summary>The prime M.</summary>
    public int Size { get; }

    /// <summary>Number of reals in the list the table was built from (eligible or not).</summary>
    public int RealCount => _slotCounts.Length;

    /// <summary>
    /// XxHash3 of the table contents with every slot named by its real's identity rather than its list index, so
    /// two directors with the same table show the same fingerprint even if their configs order the reals differently.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>List index of the real owning slot <c>hash mod M</c>, or -1 when no real is eligible.</summary>
    public int Lookup(ulong hash)
    {
        ushort[] slots = _slots;
        return slots.Length == 0 ? -1 : slots[(int)(hash % (ulong)slots.Length)];
    }

    /// <summary>How many slots the real at <paramref name="realIndex"/> in the list owns (0 for ineligible reals).</summary>
    public int SlotCount(int realIndex) => _slotCounts[realIndex];

    /// <summary>True for a prime between 2 and <see cref="MaxSize"/>: a prime M makes every skip in 1..M−1 a full permutation.</summary>
    public static bool IsValidSize(int size)
    {
        if (size is < 2 or > MaxSize)
        {
            return false;
        }

        if (size % 2 == 0)
        {
            return size == 2;
        }

        for (int d = 3; d <= size / d; d += 2)
        {
            if (size % d == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="reals">The service's reals; the returned indices refer to this list.</param>
    /// <param name="seed">Cluster-wide seed; every director must use the same one.</param>
    /// <param name="size">The prime M.</param>
    /// <exception cref="ArgumentException">M not a prime in range, more eligible reals than slots, a bad weight, or two reals with the same address and port.</exception>
    public static MaglevTable Build(IReadOnlyList<SchedulerReal> reals, ulong seed, int size = DefaultSize)
    {
        SchedulerReal[] list = Scheduler.CopyValidated(reals);
        if (!IsValidSize(size))
        {
            throw new ArgumentException($"Maglev table size {size} must be a prime between 2 and {MaxSize}.", nameof(size));
        }

        if (list.Length >= FreeSlot)
        {
            throw new ArgumentException($"A Maglev table holds at most {FreeSlot - 1} reals; got {list.Length}.", nameof(reals));
        }

        int[] byIdentity = SortByIdentity(list);
        int[] eligible = Array.FindAll(byIdentity, i => list[i].IsEligible);
        if (eligible.Length > size)
        {
            throw new ArgumentException($"Maglev table size {size} is smaller than the {eligible.Length} eligible reals.", nameof(size));
        }

        var slotCounts = new int[list.Length];
        ushort[] slots = eligible.Length == 0 ? [] : Populate(list, eligible, seed, size, slotCounts);
        return new MaglevTable(size, slots, slotCounts, ComputeFingerprint(list, eligible, slots, size));
    }

    private static int[] SortByIdentity(SchedulerReal[] list)
    {
        int[] order = new int[list.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => CompareIdentity(list[a], list[b]));
        for (int k = 1; k < order.Length; k++)
        {
            if (CompareIdentity(list[order[k - 1]], list[order[k]]) == 0)
            {
                SchedulerReal twice = list[order[k]];
                throw new ArgumentException($"Real {twice.Address}:{twice.Port} is listed twice.", nameof(list));
            }
        }

        return order;
    }

    private static int CompareIdentity(in SchedulerReal x, in SchedulerReal y)
    {
        int c = x.Address.CompareTo(y.Address);
        return c != 0 ? c : x.Port.CompareTo(y.Port);
    }

    /// <summary>
    /// The Maglev population loop, weighted by turn credits and capped by quotas. Probes cost O(M log M) in total,
    /// as in the unweighted loop; rounds number about M·maxWeight/Σweight, each a pass over the n reals.
    /// </summary>
    private static ushort[] Populate(SchedulerReal[] list, int[] eligible, ulong seed, int size, int[] slotCounts)
    {
        int n = eligible.Length;
        var position = new uint[n];
        var skip = new uint[n];
        var weight = new long[n];
        var credit = new long[n];
        long maxWeight = 0;

        // Two seeds derived from the one configured, so offset and skip are independent hashes of the identity.
        long offsetSeed = unchecked((long)XxHash3.HashToUInt64("longhaul/maglev/offset"u8, unchecked((long)seed)));
        long skipSeed = unchecked((long)XxHash3.HashToUInt64("longhaul/maglev/skip"u8, unchecked((long)seed)));
        Span<byte> identity = stackalloc byte[18];
        for (int k = 0; k < n; k++)
        {
            SchedulerReal real = list[eligible[k]];
            real.Address.WriteV6(identity);
            BinaryPrimitives.WriteUInt16BigEndian(identity[16..], real.Port);
            position[k] = (uint)(XxHash3.HashToUInt64(identity, offsetSeed) % (ulong)size);
            skip[k] = (uint)(XxHash3.HashToUInt64(identity, skipSeed) % (ulong)(size - 1)) + 1;
            weight[k] = real.Weight;
            maxWeight = Math.Max(maxWeight, real.Weight);
        }

        long[] quota = Apportion(weight, size);
        for (int k = 0; k < n; k++)
        {
            credit[k] = maxWeight - weight[k];
        }

        var slots = new ushort[size];
        Array.Fill(slots, FreeSlot);
        uint m = (uint)size;
        int filled = 0;
        while (true)
        {
            for (int k = 0; k < n; k++)
            {
                credit[k] += weight[k];
                if (credit[k] < maxWeight)
                {
                    continue;
                }

                credit[k] -= maxWeight;
                if (quota[k] == 0)
                {
                    continue;
                }

                quota[k]--;
                uint p = position[k];
                uint s = skip[k];
                while (slots[p] != FreeSlot)
                {
                    p += s;
                    if (p >= m)
                    {
                        p -= m;
                    }
                }

                int listIndex = eligible[k];
                slots[p] = (ushort)listIndex;
                slotCounts[listIndex]++;
                p += s;
                position[k] = p >= m ? p - m : p;
                if (++filled == size)
                {
                    return slots;
                }
            }
        }
    }

    /// <summary>
    /// Largest-remainder apportionment of <paramref name="size"/> slots by weight: floor(M·w/Σw) each, then one more
    /// for the reals with the largest remainders, earlier identity first on a tie. The quotas sum to M exactly.
    /// </summary>
    private static long[] Apportion(long[] weight, int size)
    {
        int n = weight.Length;
        long total = 0;
        foreach (long w in weight)
        {
            total += w;
        }

        var quota = new long[n];
        var remainder = new long[n];
        long assigned = 0;
        for (int k = 0; k < n; k++)
        {
            // size ≤ 2^24 and weight ≤ 2^16, so the product fits easily in 64 bits.
            long share = size * weight[k];
            quota[k] = share / total;
            remainder[k] = share % total;
            assigned += quota[k];
        }

        int[] byRemainder = new int[n];
        for (int k = 0; k < n; k++)
        {
            byRemainder[k] = k;
        }

        Array.Sort(byRemainder, (a, b) => remainder[a] != remainder[b] ? remainder[b].CompareTo(remainder[a]) : a.CompareTo(b));
        // Fewer than n slots are left over: each floor loses less than one.
        int left = (int)(size - assigned);
        for (int j = 0; j < left; j++)
        {
            quota[byRemainder[j]]++;
        }

        return quota;
    }

    private static ulong ComputeFingerprint(SchedulerReal[] list, int[] eligible, ushort[] slots, int size)
    {
        var hasher = new XxHash3();
        Span<byte> scratch = stackalloc byte[18];
        BinaryPrimitives.WriteInt32LittleEndian(scratch, size);
        BinaryPrimitives.WriteInt32LittleEndian(scratch[4..], eligible.Length);
        hasher.Append(scratch[..8]);

        // Rank in identity order replaces the list index, which differs between differently ordered configs.
        var rank = new int[list.Length];
        for (int k = 0; k < eligible.Length; k++)
        {
            SchedulerReal real = list[eligible[k]];
            real.Address.WriteV6(scratch);
            BinaryPrimitives.WriteUInt16BigEndian(scratch[16..], real.Port);
            hasher.Append(scratch);
            rank[eligible[k]] = k;
        }

        byte[] contents = new byte[slots.Length * sizeof(ushort)];
        for (int p = 0; p < slots.Length; p++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(contents.AsSpan(p * sizeof(ushort)), (ushort)rank[slots[p]]);
        }

        hasher.Append(contents);
        return hasher.GetCurrentHashAsUInt64();
    }
}
