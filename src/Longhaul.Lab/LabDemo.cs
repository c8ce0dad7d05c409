using System.Diagnostics;
using Longhaul.Lab.Http;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>
/// Sends a bounded number of HTTP requests from the client namespace through the VIP, one connection each,
/// and gathers what proves LVS-Tun works: the spread over reals and DCs (checked against the scheduler),
/// and bytes the client received against bytes the director carried.
/// </summary>
public static class LabDemo
{
    public static LabDemoReport Run(LonghaulLab lab, LabDemoSettings settings, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(settings);
        string vip = settings.Ipv6 ? LabTopology.VipV6 : LabTopology.VipV4;
        string client = settings.Ipv6 ? LabTopology.ClientAddressV6 : LabTopology.ClientAddressV4;
        var predictor = new SpreadPredictor(lab.Topology);
        string path = $"/bytes/{settings.Bytes}";

        lab.WaitForFreshStats();
        DirectorStats? before = lab.ReadAllDirectorStats();
        Dictionary<LabReal, long> decapsulatedBefore = lab.Topology.Reals.ToDictionary(r => r, r => lab.ReadAgentStats(r)?.Decapsulated ?? 0);
        Dictionary<string, long> filterBefore = IspFilterDrops(lab);

        var outcomes = new LabDemoOutcome[settings.Requests];
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, settings.Requests, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, i =>
        {
            LabHttpResult result = lab.Client.Get(vip, path, settings.RequestTimeout);
            LabReal? predicted = result.LocalPort > 0 ? predictor.Predict(client, result.LocalPort, vip) : null;
            LabReal? answered = result.Ok ? lab.Topology.FindReal(result.Real, result.DataCenter) : null;
            outcomes[i] = new LabDemoOutcome(result, predicted, answered);
            int finished = Interlocked.Increment(ref done);
            progress?.Invoke(finished, settings.Requests);
        });
        clock.Stop();

        lab.WaitForFreshStats();
        DirectorStats? after = lab.ReadAllDirectorStats();
        var decapsulated = lab.Topology.Reals.ToDictionary(r => r, r => (lab.ReadAgentStats(r)?.Decapsulated ?? 0) - decapsulatedBefore[r]);
        Dictionary<string, long> filterAfter = IspFilterDrops(lab);
        var filterDrops = filterAfter.ToDictionary(p => p.Key, p => p.Value - filterBefore.GetValueOrDefault(p.Key));
        return new LabDemoReport(settings, vip, outcomes, clock.Elapsed, before, after, decapsulated, filterDrops);
    }

    private static Dictionary<string, long> IspFilterDrops(LonghaulLab lab) =>
        lab.Topology.DataCenters.ToDictionary(dc => dc.Name, IspFilter.DroppedPackets);
}
