namespace Longhaul.Lab.Topology;

/// <summary>One real server: its own namespace on its data center's LAN.</summary>
/// <param name="Name">r1, r2, ... within the data center (what its HTTP service answers with).</param>
/// <param name="IspLink">The veth end on the ISP router's LAN bridge (the real's end is always eth0).</param>
public sealed record LabReal(
    string Name,
    string DataCenter,
    int DataCenterIndex,
    string Namespace,
    string IspLink,
    string AddressV4,
    string AddressV6)
{
    /// <summary>"dc1-r1": unique in the lab; names its log, pid and stats files.</summary>
    public string Id => $"{DataCenter}-{Name}";
}
