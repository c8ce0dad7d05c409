namespace Longhaul.Lab.Topology;

/// <summary>A director namespace linked to the internet router; its address is the tunnels' outer source.</summary>
public sealed record LabDirector(
    string Name,
    int Index,
    string Namespace,
    string InternetLink,
    string AddressV4,
    string InternetSideV4,
    string AddressV6,
    string InternetSideV6)
{
    /// <summary>The director's private AS number (the internet router is <see cref="LabTopology.InternetAsn"/>).</summary>
    public int Asn => LabTopology.InternetAsn + Index;

    public string ConfigFile(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Root, $"{Name}.yaml");
    }

    public string StatsFile(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Stats, $"{Name}.json");
    }
}
