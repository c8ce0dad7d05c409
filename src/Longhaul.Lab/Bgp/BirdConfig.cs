using System.Globalization;
using System.Text;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab.Bgp;

/// <summary>
/// BIRD 2 configurations for the lab's BGP: the internet router has one eBGP session per director and family
/// and installs the VIPs as one ECMP route (`merge paths`); each director announces exactly what the director
/// daemon itself put in the kernel table <see cref="LabTopology.AnnounceTable"/> (its <c>announce:</c> section), so
/// a route leaves BGP when it leaves that table: withdrawn by the daemon, or deleted by the kernel with the
/// director's TUN device when the process dies.
/// </summary>
public static class BirdConfig
{
    /// <summary>Lab timers: a dead session is noticed within 3 s. Production uses BFD instead (docs/several-directors.md).</summary>
    public const int HoldSeconds = 3;

    public const int KeepaliveSeconds = 1;

    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>The internet router: learns VIP host routes from every director, installs them with ECMP.</summary>
    public static string RenderInternet(LabTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var text = Header("the internet router (lh-inet)", topology.Directors[0].InternetSideV4);
        foreach (string family in Families(topology))
        {
            // merge paths: equal routes from several directors become one multipath kernel route.
            Append(text, $"protocol kernel kernel_{family} {{\n  {family} {{ import none; export all; }};\n  merge paths on limit {LabOptions.MaxDirectors};\n  scan time 1;\n}}\n\n");
        }

        foreach (LabDirector director in topology.Directors)
        {
            Session(text, $"{director.Name}_v4", director.InternetSideV4, LabTopology.InternetAsn, director.AddressV4, director.Asn,
                $"ipv4 {{ import where net ~ [ {LabTopology.VipPrefixV4}{{32,32}} ]; export none; }};");
            if (topology.Options.Ipv6)
            {
                Session(text, $"{director.Name}_v6", director.InternetSideV6, LabTopology.InternetAsn, director.AddressV6, director.Asn,
                    $"ipv6 {{ import where net ~ [ {LabTopology.VipPrefixV6}{{128,128}} ]; export none; }};");
            }
        }

        return text.ToString();
    }

    /// <summary>A director: announces the routes of the announce table to the internet router, imports nothing.</summary>
    public static string RenderDirector(LabTopology topology, LabDirector director)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(director);
        var text = Header($"director {director.Name} ({director.Namespace})", director.AddressV4);
        foreach (string family in Families(topology))
        {
            // learn: import routes other programs (the director daemon) put in the table; the kernel tells BIRD
            // at once over netlink when one is removed, and BIRD withdraws it from BGP.
            Append(text, $"protocol kernel announce_{family} {{\n  {family} {{ import all; export none; }};\n  kernel table {LabTopology.AnnounceTable};\n  learn;\n  scan time 1;\n}}\n\n");
        }

        Session(text, "inet_v4", director.AddressV4, director.Asn, director.InternetSideV4, LabTopology.InternetAsn, "ipv4 { import none; export all; };");
        if (topology.Options.Ipv6)
        {
            Session(text, "inet_v6", director.AddressV6, director.Asn, director.InternetSideV6, LabTopology.InternetAsn, "ipv6 { import none; export all; };");
        }

        return text.ToString();
    }

    private static StringBuilder Header(string what, string routerId)
    {
        var text = new StringBuilder();
        Append(text, $"# Written by `longhaul lab up` for {what}.\nrouter id {routerId};\nlog stderr all;\n\nprotocol device {{\n  scan time 1;\n}}\n\n");
        return text;
    }

    private static IEnumerable<string> Families(LabTopology topology) => topology.Options.Ipv6 ? ["ipv4", "ipv6"] : ["ipv4"];

    private static void Session(StringBuilder text, string name, string local, int localAsn, string neighbor, int neighborAsn, string channel) =>
        Append(text, $"protocol bgp {name} {{\n  local {local} as {localAsn};\n  neighbor {neighbor} as {neighborAsn};\n  hold time {HoldSeconds};\n  keepalive time {KeepaliveSeconds};\n  connect retry time 1;\n  error wait time 1, 5;\n  {channel}\n}}\n\n");

    private static void Append(StringBuilder text, FormattableString value) => text.Append(value.ToString(s_culture));
}
