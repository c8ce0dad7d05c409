using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// A fixed-capacity, set-associative connection table owned by one worker (no locks: the I/O layer steers a
/// flow to the same worker every time). A key hashes to one bucket of <see cref="Ways"/> slots, so lookup and
/// insert touch one or two cache lines and cost O(1) whatever the load. When a bucket is full the slot closest
/// to expiry is evicted: an approximate LRU, as Katran's per-CPU LRU map, that never has to allocate or scan.
/// </summary>
/// <remarks>
/// Active/inactive connection counts (what lc, wlc, sed and nq schedule on) are kept up to date here, at every
/// state change, rebinding, eviction and expiry, so the schedulers see what IPVS would show in ipvsadm -L.
/// Expiry is found by <see cref="Sweep"/>, which the worker calls with a small budget after every batch.
/// </remarks>
public sealed class FlowTable
{
    public const int Ways = 8;

    private readonly FlowEntry[] _slots;

    /// <summary>
    /// One 32-bit tag per slot (0 = empty), kept apart from the 64-byte entries so that a lookup compares a
    /// bucket's 8 tags in one 32-byte load and touches an entry only on a tag match.
    /// </summary>
    private readonly uint[] _tags;

    private readonly int _bucketMask;
    private readonly FlowTimeouts _timeouts;

    /// <summary>Idle timeout per <see cref="FlowState"/> in ms, precomputed: the per-packet path does no TimeSpan math.</summary>
    private readonly long[] _timeoutMs;
    private readonly ConnectionCounts? _counts;
    private int _sweepCursor;
    private long _lastSweep = long.MinValue;

    public FlowTable(int capacity, FlowTimeouts timeouts, ConnectionCounts? counts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Ways);
        ArgumentNullException.ThrowIfNull(timeouts);
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity / Ways));
        _slots = new FlowEntry[buckets * Ways];
        _tags = GC.AllocateUninitializedArray<uint>(buckets * Ways, pinned: true);
        Array.Clear(_tags);
        _bucketMask = buckets - 1;
        _timeouts = timeouts;
        _timeoutMs = new long[Enum.GetValues<FlowState>().Length];
        foreach (FlowState state in Enum.GetValues<FlowState>())
        {
            _timeoutMs[(int)state] = timeouts.MillisecondsFor(state);
        }

        _counts = counts;
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i].RealId = -1;
        }
    }

    /// <summary>Slots in the table (the configured capacity rounded up to a power of two).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Slots holding a flow that has not been found expired yet.</summary>
    public int Occupied { get; private set; }

    public long Evictions { get; private set; }

    public long Expirations { get; private set; }

    public FlowTimeouts Timeouts => _timeouts;

    /// <summary>Finds a live flow. Returns a null reference when there is none (check with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref FlowEntry Find(in FlowKey key, ulong hash, long now)
    {
        uint tag = TagOf(hash);
        int start = BucketStart(hash);
        uint matches = MatchTags(start, tag);
        while (matches != 0)
        {
            int way = BitOperations.TrailingZeroCount(matches);
            matches &= matches - 1;
            ref FlowEntry slot = ref _slots[start + way];
            if (slot.Key == key)
            {
                if (slot.ExpiresAt <= now)
                {
                    Release(start + way, expired: true);
                    return ref Unsafe.NullRef<FlowEntry>();
                }

                return ref slot;
            }
        }

        return ref Unsafe.NullRef<FlowEntry>();
    }

    /// <summary>
    /// Inserts a flow known to be absent. Reuses an empty or expired slot in the key's bucket, otherwise evicts
    /// the slot nearest to expiry. Never fails.
    /// </summary>
    public ref FlowEntry Insert(in FlowKey key, ulong hash, int realId, FlowState state, long now)
    {
        int start = BucketStart(hash);
        int victim = -1;
        uint empty = MatchTags(start, 0);
        if (empty != 0)
        {
            victim = BitOperations.TrailingZeroCount(empty);
        }
        else
        {
            // A full bucket: reuse the slot nearest to expiry (an expired one if any), as an LRU would.
            long victimExpiry = long.MaxValue;
            for (int i = 0; i < Ways; i++)
            {
                long expiry = _slots[start + i].ExpiresAt;
                if (expiry < victimExpiry)
                {
                    victim = i;
                    victimExpiry = expiry;
                }
            }

            bool expired = victimExpiry <= now;
            Release(start + victim, expired);
            if (!expired)
            {
                Evictions++;
            }
        }

        ref FlowEntry chosen = ref _slots[start + victim];
        _tags[start + victim] = TagOf(hash);
        chosen.Key = key;
        chosen.RealId = realId;
        chosen.State = state;
        chosen.ExpiresAt = now + _timeoutMs[(int)state];
        Occupied++;
        CountIn(realId, state, +1);
        return ref chosen;
    }

    /// <summary>Refreshes a flow on a packet, moving it to a new state when the packet says so.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(ref FlowEntry entry, FlowState newState, long now)
    {
        if (newState != entry.State)
        {
            CountIn(entry.RealId, entry.State, -1);
            CountIn(entry.RealId, newState, +1);
            entry.State = newState;
        }

        entry.ExpiresAt = now + _timeoutMs[(int)newState];
    }

    /// <summary>Moves a flow to another real (its real was removed or went down).</summary>
    public void Rebind(ref FlowEntry entry, int realId)
    {
        CountIn(entry.RealId, entry.State, -1);
        entry.RealId = realId;
        CountIn(realId, entry.State, +1);
    }

    public void Remove(ref FlowEntry entry) => Release(IndexOf(ref entry), expired: false);

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
        int length = _slots.Length;
        for (int n = 0; n < budget; n++)
        {
            int index = _sweepCursor;
            _sweepCursor = index + 1 == length ? 0 : index + 1;
            if (_tags[index] != 0 && _slots[index].ExpiresAt <= now)
            {
                Release(index, expired: true);
                freed++;
            }
        }

        return freed;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length live flows (control plane: <c>ctl flows</c>).</summary>
    public int CopyLive(long now, Span<FlowEntry> destination)
    {
        int written = 0;
        for (int i = 0; i < _slots.Length && written < destination.Length; i++)
        {
            if (_slots[i].State != FlowState.Empty && _slots[i].ExpiresAt > now)
            {
                destination[written++] = _slots[i];
            }
        }

        return written;
    }

    /// <summary>Empties the table, returning every counted connection (used by tests and <c>ctl zero</c>-style resets).</summary>
    public void Clear()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_tags[i] != 0)
            {
                Release(i, expired: false);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketStart(ulong hash) => (int)((hash >> 32) & (uint)_bucketMask) * Ways;

    /// <summary>Tags are never 0, which marks an empty slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TagOf(ulong hash) => (uint)hash | 1;

    /// <summary>A bit per way of the bucket whose tag equals <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint MatchTags(int start, uint tag)
    {
        ref uint first = ref _tags[start];
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> tags = Vector256.LoadUnsafe(ref first);
            return Vector256.Equals(tags, Vector256.Create(tag)).ExtractMostSignificantBits();
        }

        uint bits = 0;
        for (int i = 0; i < Ways; i++)
        {
            bits |= Unsafe.Add(ref first, i) == tag ? 1u << i : 0;
        }

        return bits;
    }

    private int IndexOf(ref FlowEntry entry) =>
        (int)(Unsafe.ByteOffset(ref _slots[0], ref entry) / Unsafe.SizeOf<FlowEntry>());

    private void Release(int index, bool expired)
    {
        ref FlowEntry slot = ref _slots[index];
        CountIn(slot.RealId, slot.State, -1);
        slot.State = FlowState.Empty;
        slot.RealId = -1;
        _tags[index] = 0;
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
