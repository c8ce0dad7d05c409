namespace Longhaul.Lab.Topology;

/// <summary>
/// A data center: an ISP router namespace with an uplink to the internet router and a LAN bridge the reals
/// hang off. <see cref="Index"/> (1-based) picks its address block: 100.64.INDEX.0/24 and 2001:db8:INDEX::/64.
/// </summary>
public sealed record LabDataCenter(
    string Name,
    int Index,
    string IspNamespace,
    string InternetLink,
    string UplinkV4,
    string InternetSideV4,
    string UplinkV6,
    string InternetSideV6,
    string LanPrefixV4,
    string LanPrefixV6,
    string GatewayV4,
    string GatewayV6,
    bool IspFilter,
    IReadOnlyList<LabReal> Reals);
