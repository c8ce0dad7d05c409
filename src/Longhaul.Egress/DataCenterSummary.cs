namespace Longhaul.Egress;

/// <summary>Per data center: how many of its probed (real, VIP) pairs got each verdict, and the DC's overall word.</summary>
public sealed record DataCenterSummary(string DataCenter, int Allowed, int Blocked, int Rewritten, int NoAnswer, int Skipped)
{
    /// <summary>
    /// "blocked" when any real there is blocked (the provider filters, even if only on some ports or routers),
    /// "allowed" when every answering real is allowed, otherwise what is known.
    /// </summary>
    public string Verdict => (Blocked, Rewritten, Allowed, NoAnswer) switch
    {
        ( > 0, _, > 0, _) => "mixed: some reals blocked",
        ( > 0, _, _, _) => "blocked",
        (_, > 0, _, _) => "rewritten",
        (_, _, > 0, 0) => "allowed",
        (_, _, > 0, _) => "allowed where an agent answered",
        (_, _, _, > 0) => "unknown: no agent answered",
        _ => "not probed",
    };

    public static IReadOnlyList<DataCenterSummary> From(IReadOnlyList<EgressResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var order = new List<string>();
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (EgressResult result in results)
        {
            string dc = result.Target.DataCenter.Length == 0 ? "(no dc)" : result.Target.DataCenter;
            if (!counts.TryGetValue(dc, out int[]? row))
            {
                row = new int[5];
                counts[dc] = row;
                order.Add(dc);
            }

            row[(int)result.Verdict]++;
        }

        var summaries = new List<DataCenterSummary>(order.Count);
        foreach (string dc in order)
        {
            int[] c = counts[dc];
            summaries.Add(new DataCenterSummary(
                dc,
                c[(int)EgressVerdict.Allowed],
                c[(int)EgressVerdict.Blocked],
                c[(int)EgressVerdict.Rewritten],
                c[(int)EgressVerdict.NoAnswer],
                c[(int)EgressVerdict.Skipped]));
        }

        return summaries;
    }
}
