using System.Numerics;
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
    private readonly int _bucketMask;
    private readonly FlowTimeouts _timeouts;
    private readonly ConnectionCounts? _counts;
    private int _sweepCursor;

    public FlowTable(int capacity, FlowTimeouts timeouts, ConnectionCounts? counts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Ways);
        ArgumentNullException.ThrowIfNull(timeouts);
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity / Ways));
        _slots = new FlowEntry[buckets * Ways];
        _bucketMask = buckets - 1;
        _timeouts = timeouts;
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
        uint tag = (uint)hash;
        int start = BucketStart(hash);
        ref FlowEntry first = ref _slots[start];
        for (int i = 0; i < Ways; i++)
        {
            ref FlowEntry slot = ref Unsafe.Add(ref first, i);
            if (slot.HashTag == tag && slot.State != FlowState.Empty && slot.Key == key)
            {
                if (slot.ExpiresAt <= now)
                {
                    Release(ref slot, expired: true);
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
        ref FlowEntry first = ref _slots[start];
        int victim = 0;
        long victimExpiry = long.MaxValue;
        for (int i = 0; i < Ways; i++)
        {
            ref FlowEntry slot = ref Unsafe.Add(ref first, i);
            if (slot.State == FlowState.Empty)
            {
                victim = i;
                victimExpiry = long.MinValue;
                break;
            }

            if (slot.ExpiresAt < victimExpiry)
            {
                victim = i;
                victimExpiry = slot.ExpiresAt;
            }
        }

        ref FlowEntry chosen = ref Unsafe.Add(ref first, victim);
        if (chosen.State != FlowState.Empty)
        {
            bool expired = chosen.ExpiresAt <= now;
            Release(ref chosen, expired);
            if (!expired)
            {
                Evictions++;
            }
        }

        chosen.Key = key;
        chosen.HashTag = (uint)hash;
        chosen.RealId = realId;
        chosen.State = state;
        chosen.ExpiresAt = now + _timeouts.MillisecondsFor(state);
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

        entry.ExpiresAt = now + _timeouts.MillisecondsFor(newState);
    }

    /// <summary>Moves a flow to another real (its real was removed or went down).</summary>
    public void Rebind(ref FlowEntry entry, int realId)
    {
        CountIn(entry.RealId, entry.State, -1);
        entry.RealId = realId;
        CountIn(realId, entry.State, +1);
    }

    public void Remove(ref FlowEntry entry) => Release(ref entry, expired: false);

    /// <summary>
    /// Examines up to <paramref name="budget"/> slots from a rotating cursor and frees the expired ones, so
    /// connection counts fall when flows go idle even if their bucket is never touched again.
    /// </summary>
    public int Sweep(long now, int budget)
    {
        int freed = 0;
        int length = _slots.Length;
        for (int n = 0; n < budget; n++)
        {
            ref FlowEntry slot = ref _slots[_sweepCursor];
            _sweepCursor = _sweepCursor + 1 == length ? 0 : _sweepCursor + 1;
            if (slot.State != FlowState.Empty && slot.ExpiresAt <= now)
            {
                Release(ref slot, expired: true);
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
            if (_slots[i].State != FlowState.Empty)
            {
                Release(ref _slots[i], expired: false);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketStart(ulong hash) => (int)((hash >> 32) & (uint)_bucketMask) * Ways;

    private void Release(ref FlowEntry slot, bool expired)
    {
        CountIn(slot.RealId, slot.State, -1);
        slot.State = FlowState.Empty;
        slot.RealId = -1;
        slot.HashTag = 0;
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
