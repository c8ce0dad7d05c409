using Longhaul.Lab.Http;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>A snapshot of a running lab: what exists, what runs, what answers, and the daemons' counters.</summary>
public sealed record LabStatus(
    IReadOnlyList<string> MissingNamespaces,
    IReadOnlyList<LabProcess> DeadProcesses,
    IReadOnlyDictionary<LabReal, LabHttpResult> Direct,
    LabHttpResult? ThroughVip,
    DirectorStats? Director,
    IReadOnlyDictionary<LabReal, AgentStats?> Agents,
    IReadOnlyDictionary<string, long?> IspFilters)
{
    public bool Healthy =>
        MissingNamespaces.Count == 0 && DeadProcesses.Count == 0 && Direct.Values.All(r => r.Ok) && (ThroughVip?.Ok ?? true);

    /// <summary>Looks at everything once; bounded (1 s per HTTP probe, probes in parallel).</summary>
    public static LabStatus Collect(LonghaulLab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var present = new HashSet<string>(LabNetwork.ExistingNamespaces(), StringComparer.Ordinal);
        var missing = lab.Topology.Namespaces.Where(n => !present.Contains(n)).ToList();
        var dead = lab.Processes.Where(p => !p.IsAlive).ToList();
        var direct = new Dictionary<LabReal, LabHttpResult>();
        if (missing.Count == 0)
        {
            Parallel.ForEach(lab.Topology.Reals, new ParallelOptions { MaxDegreeOfParallelism = 8 }, real =>
            {
                LabHttpResult result = lab.Client.Get(real.AddressV4, "/", TimeSpan.FromSeconds(1));
                lock (direct)
                {
                    direct[real] = result;
                }
            });
        }

        LabHttpResult? vip = missing.Count == 0 && lab.Options.StartBalancer ? lab.Client.Get(LabTopology.VipV4, "/", TimeSpan.FromSeconds(1)) : null;
        var agents = lab.Topology.Reals.ToDictionary(r => r, lab.ReadAgentStats);
        var filters = new Dictionary<string, long?>();
        if (missing.Count == 0)
        {
            foreach (LabDataCenter dc in lab.Topology.DataCenters)
            {
                filters[dc.Name] = IspFilter.IsEnabled(dc) ? IspFilter.DroppedPackets(dc) : null;
            }
        }

        return new LabStatus(missing, dead, direct, vip, lab.ReadAllDirectorStats(), agents, filters);
    }
}
