namespace Longhaul.RealServer;

/// <summary>
/// What the agent writes to its stats file. <see cref="Drops"/> has one entry per reason, with every malformed
/// reason summed under "malformed" (the breakdown is in <see cref="Malformed"/>), so the drops add up to
/// received minus decapsulated.
/// </summary>
public sealed record AgentStats
{
    public required DateTimeOffset Time { get; init; }

    public required long Received { get; init; }

    public required long Decapsulated { get; init; }

    public required long Bytes { get; init; }

    public required IReadOnlyDictionary<string, long> Drops { get; init; }

    public required IReadOnlyDictionary<string, long> Malformed { get; init; }

    public required long ReceiveErrors { get; init; }

    /// <summary>Sums the receive threads' counters.</summary>
    public static AgentStats Aggregate(IEnumerable<AgentCounters> counters, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(counters);
        long received = 0, decapsulated = 0, bytes = 0, errors = 0;
        long[] drops = new long[DropReasons.Count];
        foreach (AgentCounters c in counters)
        {
            received += c.Received;
            decapsulated += c.Decapsulated;
            bytes += c.Bytes;
            errors += c.ReceiveErrors;
            for (int i = 1; i < drops.Length; i++)
            {
                drops[i] += c.Dropped((DropReason)i);
            }
        }

        var dropMap = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var malformed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long malformedTotal = 0;
        for (int i = 1; i < drops.Length; i++)
        {
            var reason = (DropReason)i;
            if (DropReasons.IsMalformed(reason))
            {
                malformed[DropReasons.Name(reason)] = drops[i];
                malformedTotal += drops[i];
            }
            else
            {
                dropMap[DropReasons.Name(reason)] = drops[i];
            }
        }

        dropMap["malformed"] = malformedTotal;
        return new AgentStats
        {
            Time = time,
            Received = received,
            Decapsulated = decapsulated,
            Bytes = bytes,
            Drops = dropMap,
            Malformed = malformed,
            ReceiveErrors = errors,
        };
    }
}
