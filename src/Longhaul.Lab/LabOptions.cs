using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.Lab;

/// <summary>
/// What lab to build. <see cref="RealsPerDataCenter"/> has one entry per data center, so its length is the
/// number of data centers; <see cref="DataCenterNames"/> names them (dc1, dc2, ... unless a preset says otherwise).
/// </summary>
/// <param name="IspFilter">Data centers whose ISP router drops packets with a source not from the DC (BCP38).</param>
/// <param name="StartBalancer">False builds the network and the HTTP services only: no director, no agents.</param>
/// <param name="HealthCheck">A health check for every service in the director's YAML; null (the default) writes none.</param>
public sealed record LabOptions(
    IReadOnlyList<int> RealsPerDataCenter,
    IReadOnlyList<string> DataCenterNames,
    int Directors = 1,
    IReadOnlyList<string>? IspFilter = null,
    TunnelKind Encapsulation = TunnelKind.Ipip,
    bool Ipv6 = true,
    string Scheduler = "mh",
    ulong HashSeed = 7,
    int TunnelMtu = 1500,
    ushort GuePort = 6080,
    bool StartBalancer = true,
    LabHealthCheck? HealthCheck = null)
{
    public const int MaxDataCenters = 50;
    public const int MaxRealsPerDataCenter = 50;
    /// <summary>Several directors sit behind the internet router's ECMP route, learnt over BGP (BIRD); 4 is plenty for a lab on 2 cores.</summary>
    public const int MaxDirectors = 4;

    /// <summary>The seed's deployment (<see cref="SeedDeployment"/>): 12 reals in 5 data centers behind 3 directors.</summary>
    public static LabOptions Seed { get; } = new(
        [.. SeedDeployment.DataCenters.Select(dc => dc.Reals)],
        [.. SeedDeployment.DataCenters.Select(dc => dc.Name)],
        Directors: 3);

    /// <summary>
    /// Several directors: the internet router learns the VIPs from each over BGP (BIRD) and spreads flows with
    /// layer-4 ECMP. One director keeps the plain static route (no routing daemon needed).
    /// </summary>
    public bool UsesBgp => Directors > 1;

    public IReadOnlyList<string> IspFilter { get; init; } = IspFilter ?? [];

    /// <summary>N data centers of M reals each, named dc1..dcN.</summary>
    public static LabOptions Uniform(int dataCenters, int realsPerDataCenter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataCenters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataCenters, MaxDataCenters);
        var reals = new int[dataCenters];
        var names = new string[dataCenters];
        for (int i = 0; i < dataCenters; i++)
        {
            reals[i] = realsPerDataCenter;
            names[i] = $"dc{i + 1}";
        }

        return new LabOptions(reals, names);
    }

    /// <summary>Every reason these options cannot build a lab.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (RealsPerDataCenter.Count is < 1 or > MaxDataCenters)
        {
            errors.Add($"{RealsPerDataCenter.Count} data centers: 1..{MaxDataCenters} are supported");
        }

        if (DataCenterNames.Count != RealsPerDataCenter.Count)
        {
            errors.Add($"{DataCenterNames.Count} data center names for {RealsPerDataCenter.Count} data centers");
        }

        foreach (int reals in RealsPerDataCenter)
        {
            if (reals is < 1 or > MaxRealsPerDataCenter)
            {
                errors.Add($"{reals} reals in a data center: 1..{MaxRealsPerDataCenter} are supported");
            }
        }

        if (Directors is < 1 or > MaxDirectors)
        {
            errors.Add($"{Directors} directors: 1..{MaxDirectors} are supported");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in DataCenterNames)
        {
            // The name becomes part of namespace names and of the director's YAML, so keep it plain.
            if (name.Length is < 1 or > 20 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"data center name '{name}': use 1..20 of a-z, 0-9 and '-'");
            }

            if (!seen.Add(name))
            {
                errors.Add($"data center name '{name}' is used twice");
            }
        }

        foreach (string filtered in IspFilter)
        {
            if (!seen.Contains(filtered))
            {
                errors.Add($"--isp-filter {filtered}: no such data center (have: {string.Join(", ", DataCenterNames)})");
            }
        }

        if (!SchedulerNames.TryParse(Scheduler, out _))
        {
            errors.Add($"scheduler '{Scheduler}': use one of rr wrr lc wlc sed nq sh dh mh");
        }

        if (TunnelMtu is < 1280 or > 9000)
        {
            errors.Add($"tunnel MTU {TunnelMtu}: 1280..9000 are supported");
        }

        return errors;
    }
}
