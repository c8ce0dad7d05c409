namespace Longhaul.Hashing;

/// <summary>
/// The ordered scan over the sorted keys: equal keys are one name repeated, equal ids with different keys
/// are a collision. Keeps the <c>limit</c> largest groups (ties: lowest id) for the report.
/// </summary>
internal sealed class CollisionScan
{
    private readonly int _limit;
    private readonly PriorityQueue<ulong, long> _largest;

    private CollisionScan(int limit)
    {
        _limit = limit;
        _largest = new PriorityQueue<ulong, long>(limit);
    }

    public long DistinctNames { get; private set; }

    public long DistinctIds { get; private set; }

    public long CollidingPairs { get; private set; }

    public long CollidingIds { get; private set; }

    public long NamesInCollisions { get; private set; }

    public long LargestGroup { get; private set; }

    /// <summary>Id to distinct-name count of the groups to report, largest first.</summary>
    public IReadOnlyList<KeyValuePair<ulong, long>> SelectedGroups { get; private set; } = [];

    public static CollisionScan Run(KeyRunMerger keys, int bits, int limit)
    {
        var scan = new CollisionScan(limit);
        int shift = 128 - bits;
        bool any = false;
        UInt128 previous = default;
        ulong currentId = 0;
        long currentCount = 0;
        while (keys.TryNext(out UInt128 key))
        {
            if (any && key == previous)
            {
                continue;
            }

            previous = key;
            scan.DistinctNames++;
            ulong id = (ulong)(key >> shift);
            if (any && id == currentId)
            {
                currentCount++;
                continue;
            }

            if (any)
            {
                scan.Close(currentId, currentCount);
            }

            any = true;
            currentId = id;
            currentCount = 1;
        }

        if (any)
        {
            scan.Close(currentId, currentCount);
        }

        scan.SelectedGroups = scan.TakeLargest();
        return scan;
    }

    private void Close(ulong id, long names)
    {
        DistinctIds++;
        LargestGroup = Math.Max(LargestGroup, names);
        if (names < 2)
        {
            return;
        }

        CollidingIds++;
        NamesInCollisions += names;
        CollidingPairs += names * (names - 1) / 2;
        if (_limit == 0)
        {
            return;
        }

        // Ids arrive in ascending order, so replacing only on a strictly larger group keeps the lowest id on ties.
        if (_largest.Count < _limit)
        {
            _largest.Enqueue(id, names);
        }
        else if (_largest.TryPeek(out _, out long smallest) && names > smallest)
        {
            _largest.DequeueEnqueue(id, names);
        }
    }

    private KeyValuePair<ulong, long>[] TakeLargest()
    {
        var groups = new KeyValuePair<ulong, long>[_largest.Count];
        for (int i = 0; _largest.TryDequeue(out ulong id, out long names); i++)
        {
            groups[i] = new KeyValuePair<ulong, long>(id, names);
        }

        Array.Sort(groups, static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        return groups;
    }
}
