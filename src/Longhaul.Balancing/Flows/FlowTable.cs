using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// A fixed-capacity, set-associative connection table owned by one worker (no locks: the I/O layer steers a
/// flow to the same worker every time). A key hashes to one bucket of <see cref="Ways"/> slots, so lookup and
/// insert cost O(1) whatever the load. When a bucket is full the slot closest to expiry is evicted: an
/// approximate LRU, as Katran's per-CPU LRU map, that never has to allocate or scan.
/// </summary>
/// <remarks>
/// <para>
/// Memory layout, chosen for a table far larger than the caches (the default is 2^20 slots, 64 MiB): a bucket
/// is 512 bytes, its first 64-byte line holding the 8 slots' 32-bit hash tags (0 = empty) and 32-bit expiry
/// times, followed by the 8 <see cref="FlowSlot"/>s. A lookup compares the 8 tags in one vector load and
/// reads an entry only on a tag match; a miss, the choice of a victim on insert, and the sweep read that one
/// line only. The line after it, which holds way 0 (where a lightly loaded bucket keeps its flow), is
/// prefetched together with it, so a hit usually costs one memory round trip, not two. The table sits in one
/// pinned array aligned to 2 MiB and advised into huge pages, so lookups do not also pay a TLB miss.
/// </para>
/// <para>
/// Expiry times are the worker's millisecond clock truncated to 32 bits and compared with wrap-around
/// arithmetic, which is exact while every timeout is below 2^31 ms (24.8 days, enforced here) and every slot
/// is looked at more often than that (the sweep visits the whole table every few seconds to hours).
/// </para>
/// <para>
/// Active/inactive connection counts (what lc, wlc, sed and nq schedule on) are kept up to date here, at every
/// state change, rebinding, eviction and expiry, so the schedulers see what IPVS would show in ipvsadm -L.
/// Expiry is found by <see cref="Sweep"/>, which the worker calls with a small budget after every batch.
/// </para>
/// </remarks>
public sealed class FlowTable
{
    public const int Ways = 8;

    /// <summary>Largest table: 2^24 slots (1 GiB), the most one array can hold.</summary>
    public const int MaxCapacity = 1 << 24;

    private const int BucketShift = 9;
    private const int BucketBytes = 1 << BucketShift;
    private const int MetaBytes = 64;
    private const int ExpiryOffset = 32;
    private const int SlotBytes = 56;

    /// <summary>The buckets, from <see cref="_origin"/> on; pinned, so prefetch addresses stay valid.</summary>
    private readonly byte[] _memory;
    private readonly int _origin;
    private readonly int _bucketMask;
    private readonly int _capacity;
    private readonly FlowTimeouts _timeouts;

    /// <summary>Idle timeout per <see cref="FlowState"/> in ms, precomputed: the per-packet path does no TimeSpan math.</summary>
    private readonly uint[] _timeoutMs;
    private readonly ConnectionCounts? _counts;
    private int _sweepCursor;
    private long _lastSweep = long.MinValue;

    public FlowTable(int capacity, FlowTimeouts timeouts, ConnectionCounts? counts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Ways);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        ArgumentNullException.ThrowIfNull(timeouts);
        Debug.Assert(Unsafe.SizeOf<FlowSlot>() == SlotBytes && MetaBytes + (Ways * SlotBytes) == BucketBytes);
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity / Ways));
        _capacity = buckets * Ways;
        _bucketMask = buckets - 1;
        _timeouts = timeouts;
        _timeoutMs = new uint[Enum.GetValues<FlowState>().Length];
        foreach (FlowState state in Enum.GetValues<FlowState>())
        {
            long milliseconds = timeouts.MillisecondsFor(state);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, int.MaxValue, nameof(timeouts));
            _timeoutMs[(int)state] = (uint)milliseconds;
        }

        _counts = counts;
        _memory = HugePages.AllocateZeroed(buckets * BucketBytes, out _origin);
    }

    /// <summary>Slots in the table (the configured capacity rounded up to a power of two).</summary>
    public int Capacity => _capacity;

    /// <summary>Slots holding a flow that has not been found expired yet.</summary>
    public int Occupied { get; private set; }

    public long Evictions { get; private set; }

    public long Expirations { get; private set; }

    public FlowTimeouts Timeouts => _timeouts;

    /// <summary>Finds a live flow. Returns a null reference when there is none (check with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref FlowSlot Find(in FlowKey key, ulong hash, long now)
    {
        ref byte bucket = ref Bucket(BucketOf(hash));
        PrefetchFirstWay(ref bucket);
        uint matches = MatchTags(ref bucket, TagOf(hash));
        while (matches != 0)
        {
            int way = BitOperations.TrailingZeroCount(matches);
            matches &= matches - 1;
            ref FlowSlot slot = ref Slot(ref bucket, way);
            if (KeyEquals(in slot.Key, in key))
            {
                if (IsExpired(Expiry(ref bucket, way), now))
                {
                    Release(ref bucket, way, expired: true);
                    return ref Unsafe.NullRef<FlowSlot>();
                }

                return ref slot;
            }
        }

        return ref Unsafe.NullRef<FlowSlot>();
    }

    /// <summary>
    /// First stage of a batch: starts loading the tag line a lookup of <paramref name="hash"/> will read, so that
    /// many packets' memory round trips overlap instead of following one another. Only that line: a core keeps
    /// a few dozen misses in flight, and a batch's tag lines alone already fill them (asking for way 0 as well
    /// measured no better).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong hash) => PrefetchLine(ref Bucket(BucketOf(hash)));

    /// <summary>
    /// Second stage, once the tag line has arrived: starts loading the slot the packet will touch, the one whose
    /// tag matches or else the one an insert would take (first empty, else nearest to expiry).
    /// </summary>
    public void PrefetchSlot(ulong hash, long now)
    {
        ref byte bucket = ref Bucket(BucketOf(hash));
        uint matches = MatchTags(ref bucket, TagOf(hash));
        int way;
        if (matches != 0)
        {
            way = BitOperations.TrailingZeroCount(matches);
        }
        else
        {
            uint free = MatchTags(ref bucket, 0);
            if (free == 0)
            {
                free = ExpiredWays(ref bucket, now);
            }

            way = free != 0 ? BitOperations.TrailingZeroCount(free) : NearestToExpiry(ref bucket, now);
        }

        // A 56-byte slot may straddle two lines: ask for the lines of its first and its last byte.
        ref byte slot = ref Unsafe.As<FlowSlot, byte>(ref Slot(ref bucket, way));
        PrefetchLine(ref slot);
        PrefetchLine(ref Unsafe.Add(ref slot, SlotBytes - 1));
    }

    /// <summary>
    /// Inserts a flow known to be absent. Reuses an empty or expired slot in the key's bucket, otherwise evicts
    /// the slot nearest to expiry. Never fails.
    /// </summary>
    public ref FlowSlot Insert(in FlowKey key, ulong hash, int realId, FlowState state, long now)
    {
        ref byte bucket = ref Bucket(BucketOf(hash));
        int victim;
        uint empty = MatchTags(ref bucket, 0);
        if (empty != 0)
        {
            victim = BitOperations.TrailingZeroCount(empty);
        }
        else
        {
            // A full bucket: reuse an expired slot if there is one, else evict the slot nearest to expiry, as an
            // LRU would. The expiries sit in the line the tags came from: no entry is read to choose.
            uint expired = ExpiredWays(ref bucket, now);
            if (expired != 0)
            {
                victim = BitOperations.TrailingZeroCount(expired);
                Release(ref bucket, victim, expired: true);
            }
            else
            {
                victim = NearestToExpiry(ref bucket, now);
                Release(ref bucket, victim, expired: false);
                Evictions++;
            }
        }

        Tag(ref bucket, victim) = TagOf(hash);
        Expiry(ref bucket, victim) = (uint)now + _timeoutMs[(int)state];
        ref FlowSlot chosen = ref Slot(ref bucket, victim);
        chosen.Key = key;
        chosen.RealId = realId;
        chosen.State = state;
        Occupied++;
        CountIn(realId, state, +1);
        return ref chosen;
    }

    /// <summary>Refreshes a flow on a packet, moving it to a new state when the packet says so.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(ref FlowSlot entry, FlowState newState, long now)
    {
        if (newState != entry.State)
        {
            CountIn(entry.RealId, entry.State, -1);
            CountIn(entry.RealId, newState, +1);
            entry.State = newState;
        }

        ExpiryOf(ref entry) = (uint)now + _timeoutMs[(int)newState];
    }

    /// <summary>Sets a flow's expiry explicitly (persistence templates live for the service's timeout, not a state's).</summary>
    public void SetExpiry(ref FlowSlot entry, long now, TimeSpan lifetime) =>
        ExpiryOf(ref entry) = (uint)now + (uint)Math.Clamp((long)lifetime.TotalMilliseconds, 0, int.MaxValue);

    /// <summary>Moves a flow to another real (its real was removed or went down).</summary>
    public void Rebind(ref FlowSlot entry, int realId)
    {
        CountIn(entry.RealId, entry.State, -1);
        entry.RealId = realId;
        CountIn(realId, entry.State, +1);
    }

    public void Remove(ref FlowSlot entry)
    {
        (int bucket, int way) = Locate(ref entry);
        Release(ref Bucket(bucket), way, expired: false);
    }

    /// <summary>
    /// Examines up to <paramref name="budget"/> slots from a rotating cursor and frees the expired ones, so
    /// connection counts fall when flows go idle even if their bucket is never touched again.
    /// </summary>
    public int Sweep(long now, int budget)
    {
        // At most once per clock tick (1 ms): a worker finishing thousands of batches per millisecond would
        // otherwise spend its time sweeping. 256 slots per ms walk a million-slot table in about 4 s.
        if (now == _lastSweep)
        {
            return 0;
        }

        _lastSweep = now;
        int freed = 0;
        for (int n = 0; n < budget; n++)
        {
            int index = _sweepCursor;
            _sweepCursor = index + 1 == _capacity ? 0 : index + 1;
            ref byte bucket = ref Bucket(index / Ways);
            int way = index % Ways;
            if (Tag(ref bucket, way) != 0 && IsExpired(Expiry(ref bucket, way), now))
            {
                Release(ref bucket, way, expired: true);
                freed++;
            }
        }

        return freed;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length live flows (control plane: <c>ctl flows</c>).</summary>
    public int CopyLive(long now, Span<FlowEntry> destination)
    {
        int written = 0;
        for (int index = 0; index < _capacity && written < destination.Length; index++)
        {
            ref byte bucket = ref Bucket(index / Ways);
            int way = index % Ways;
            ref FlowSlot slot = ref Slot(ref bucket, way);
            int left = Remaining(Expiry(ref bucket, way), now);
            if (Tag(ref bucket, way) != 0 && slot.State != FlowState.Empty && left > 0)
            {
                destination[written++] = new FlowEntry(slot.Key, slot.State, slot.RealId, now + left);
            }
        }

        return written;
    }

    /// <summary>Empties the table, returning every counted connection (used by tests and <c>ctl zero</c>-style resets).</summary>
    public void Clear()
    {
        for (int index = 0; index < _capacity; index++)
        {
            ref byte bucket = ref Bucket(index / Ways);
            if (Tag(ref bucket, index % Ways) != 0)
            {
                Release(ref bucket, index % Ways, expired: false);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(ulong hash) => (int)((hash >> 32) & (uint)_bucketMask);

    /// <summary>Tags are never 0, which marks an empty slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TagOf(ulong hash) => (uint)hash | 1;

    /// <summary>Expired when the 32-bit expiry is not after now, in wrap-around arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsExpired(uint expiry, long now) => Remaining(expiry, now) <= 0;

    /// <summary>Milliseconds from <paramref name="now"/> to <paramref name="expiry"/> (negative once past).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Remaining(uint expiry, long now) => (int)(expiry - (uint)now);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Bucket(int bucket) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_memory), _origin + (bucket << BucketShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint Tag(ref byte bucket, int way) => ref Unsafe.Add(ref Unsafe.As<byte, uint>(ref bucket), way);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint Expiry(ref byte bucket, int way) =>
        ref Unsafe.Add(ref Unsafe.As<byte, uint>(ref Unsafe.Add(ref bucket, ExpiryOffset)), way);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref FlowSlot Slot(ref byte bucket, int way) =>
        ref Unsafe.As<byte, FlowSlot>(ref Unsafe.Add(ref bucket, MetaBytes + (way * SlotBytes)));

    /// <summary>The bucket and way of a slot reference handed out by <see cref="Find"/> or <see cref="Insert"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Bucket, int Way) Locate(ref FlowSlot entry)
    {
        int offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(_memory), ref Unsafe.As<FlowSlot, byte>(ref entry)) - _origin;
        return (offset >> BucketShift, ((offset & (BucketBytes - 1)) - MetaBytes) / SlotBytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint ExpiryOf(ref FlowSlot entry)
    {
        (int bucket, int way) = Locate(ref entry);
        return ref Expiry(ref Bucket(bucket), way);
    }

    /// <summary>A bit per way of the bucket whose tag equals <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MatchTags(ref byte bucket, uint tag)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> tags = Vector256.LoadUnsafe(ref Unsafe.As<byte, uint>(ref bucket));
            return Vector256.Equals(tags, Vector256.Create(tag)).ExtractMostSignificantBits();
        }

        uint bits = 0;
        for (int way = 0; way < Ways; way++)
        {
            bits |= Tag(ref bucket, way) == tag ? 1u << way : 0;
        }

        return bits;
    }

    /// <summary>
    /// Byte-wise key equality: a 32-byte vector compare of the addresses, then ports and protocol. Equal to the
    /// record's field-by-field equality (the packed key has no padding) at a fraction of its instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool KeyEquals(in FlowKey left, in FlowKey right)
    {
        ref byte a = ref Unsafe.As<FlowKey, byte>(ref Unsafe.AsRef(in left));
        ref byte b = ref Unsafe.As<FlowKey, byte>(ref Unsafe.AsRef(in right));
        return Vector256.LoadUnsafe(ref a) == Vector256.LoadUnsafe(ref b)
            && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, 32)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, 32))
            && Unsafe.Add(ref a, 36) == Unsafe.Add(ref b, 36);
    }

    /// <summary>Starts loading way 0's line while the tags are compared: the address is known before the tags arrive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchFirstWay(ref byte bucket) => PrefetchLine(ref Unsafe.Add(ref bucket, MetaBytes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchLine(ref byte address)
    {
        if (Sse.IsSupported)
        {
            // The array is pinned, so the address stays valid.
            Sse.Prefetch0(Unsafe.AsPointer(ref address));
        }
    }

    /// <summary>A bit per way whose expiry is not after <paramref name="now"/> (wrap-around compare, 8 lanes at once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ExpiredWays(ref byte bucket, long now)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> expiries = Vector256.LoadUnsafe(ref Expiry(ref bucket, 0));
            Vector256<int> left = (expiries - Vector256.Create((uint)now)).AsInt32();
            return Vector256.LessThanOrEqual(left, Vector256<int>.Zero).ExtractMostSignificantBits();
        }

        uint bits = 0;
        for (int way = 0; way < Ways; way++)
        {
            bits |= IsExpired(Expiry(ref bucket, way), now) ? 1u << way : 0;
        }

        return bits;
    }

    /// <summary>The way whose expiry comes first (an expired one if any).</summary>
    private static int NearestToExpiry(ref byte bucket, long now)
    {
        int victim = 0;
        int left = int.MaxValue;
        for (int way = 0; way < Ways; way++)
        {
            int remaining = Remaining(Expiry(ref bucket, way), now);
            if (remaining < left)
            {
                victim = way;
                left = remaining;
            }
        }

        return victim;
    }

    private void Release(ref byte bucket, int way, bool expired)
    {
        ref FlowSlot slot = ref Slot(ref bucket, way);
        CountIn(slot.RealId, slot.State, -1);
        slot.State = FlowState.Empty;
        slot.RealId = -1;
        Tag(ref bucket, way) = 0;
        Occupied--;
        if (expired)
        {
            Expirations++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountIn(int realId, FlowState state, int delta)
    {
        if (_counts is null || realId < 0)
        {
            return;
        }

        if (state == FlowState.Established)
        {
            _counts.AddActive(realId, delta);
        }
        else if (state != FlowState.Empty)
        {
            _counts.AddInactive(realId, delta);
        }
    }
}
