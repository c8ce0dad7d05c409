using Longhaul.Linux;

namespace Longhaul.Lab.Topology;

/// <summary>
/// Creates and removes the lab's namespaces, veth pairs, bridges, addresses, routes and sysctls. Every veth
/// pair is created straight between two lab namespaces (`ip -n A link add X type veth peer name Y netns B`),
/// so no lab device ever exists in the host's namespace, and nothing is linked to the host's uplink.
/// </summary>
public static class LabNetwork
{
    /// <summary>Builds the whole network. On failure removes what it made and rethrows.</summary>
    public static void Build(LabTopology topology, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        progress ??= static _ => { };
        try
        {
            foreach (string name in topology.Namespaces)
            {
                CreateNamespace(name);
            }

            progress($"{topology.Namespaces.Count()} namespaces");
            BuildInternetAndClient(topology);
            foreach (LabDirector director in topology.Directors)
            {
                BuildDirector(director);
            }

            foreach (LabDataCenter dc in topology.DataCenters)
            {
                BuildDataCenter(dc);
                if (dc.IspFilter)
                {
                    IspFilter.Enable(dc);
                }
            }

            progress("veth links, addresses, routes and forwarding in place");
        }
        catch
        {
            DeleteNamespaces();
            throw;
        }
    }

    /// <summary>Deletes every namespace named lh-*, lab-made or left over from a crash; returns their names.</summary>
    public static IReadOnlyList<string> DeleteNamespaces()
    {
        var deleted = new List<string>();
        foreach (string name in IpCommand.ListNamespaces())
        {
            if (name.StartsWith(LabTopology.Prefix, StringComparison.Ordinal))
            {
                IpCommand.DeleteNamespace(name);
                deleted.Add(name);
            }
        }

        return deleted;
    }

    /// <summary>The lab namespaces that exist right now.</summary>
    public static IReadOnlyList<string> ExistingNamespaces() =>
        IpCommand.ListNamespaces().Where(n => n.StartsWith(LabTopology.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private static void CreateNamespace(string name)
    {
        if (NetworkNamespace.Exists(name))
        {
            throw new LabException($"namespace {name} already exists: run `longhaul lab down` first");
        }

        IpCommand.AddNamespace(name);
        NetworkNamespace.Run(name, static () =>
        {
            NetworkLink.SetUp("lo");

            // Addresses are ours alone in a private network: skip duplicate address detection so IPv6 is usable
            // at once instead of after a second or two of "tentative".
            Sysctl.Write("net.ipv6.conf.all.accept_dad", "0");
            Sysctl.Write("net.ipv6.conf.default.accept_dad", "0");
        });
    }

    private static void BuildInternetAndClient(LabTopology topology)
    {
        IpCommand inet = IpCommand.InNamespace(LabTopology.InternetNamespace);
        IpCommand client = IpCommand.InNamespace(LabTopology.ClientNamespace);
        EnableForwarding(LabTopology.InternetNamespace, strictReversePath: false);

        inet.AddVethPair(LabTopology.InternetClientLink, LabTopology.LeafLink, LabTopology.ClientNamespace);
        Address(inet, LabTopology.InternetClientLink, LabTopology.ClientGatewayV4 + "/24", LabTopology.ClientGatewayV6 + "/64");
        Address(client, LabTopology.LeafLink, LabTopology.ClientAddressV4 + "/24", LabTopology.ClientAddressV6 + "/64");
        inet.LinkSetUp(LabTopology.InternetClientLink);
        client.LinkSetUp(LabTopology.LeafLink);
        client.AddRoute("default", via: LabTopology.ClientGatewayV4);
        client.Run("-6", "route", "add", "default", "via", LabTopology.ClientGatewayV6);

        // One link per director. One director: a static route sends the VIPs to it. Several: no static route;
        // BIRD in lh-inet learns the VIPs from each director over BGP and installs one ECMP route, and the
        // kernel hashes on the layer-4 5-tuple (policy 1) so the flows of one client spread over all directors.
        foreach (LabDirector director in topology.Directors)
        {
            inet.AddVethPair(director.InternetLink, LabTopology.LeafLink, director.Namespace);
            Address(inet, director.InternetLink, director.InternetSideV4 + "/28", director.InternetSideV6 + "/64");
            inet.LinkSetUp(director.InternetLink);
        }

        if (topology.Options.UsesBgp)
        {
            NetworkNamespace.Run(LabTopology.InternetNamespace, static () =>
            {
                Sysctl.Write("net.ipv4.fib_multipath_hash_policy", "1");
                Sysctl.Write("net.ipv6.fib_multipath_hash_policy", "1");
            });
        }
        else
        {
            LabDirector director = topology.Directors[0];
            inet.AddRoute(LabTopology.VipPrefixV4, via: director.AddressV4);
            inet.Run("-6", "route", "add", LabTopology.VipPrefixV6, "via", director.AddressV6);
        }

        foreach (LabDataCenter dc in topology.DataCenters)
        {
            inet.AddVethPair(dc.InternetLink, LabTopology.IspUplink, dc.IspNamespace);
            Address(inet, dc.InternetLink, dc.InternetSideV4 + "/30", dc.InternetSideV6 + "/64");
            inet.LinkSetUp(dc.InternetLink);
            inet.AddRoute(dc.LanPrefixV4, via: dc.UplinkV4);
            inet.Run("-6", "route", "add", dc.LanPrefixV6, "via", dc.UplinkV6);
        }
    }

    private static void BuildDirector(LabDirector director)
    {
        IpCommand ns = IpCommand.InNamespace(director.Namespace);
        Address(ns, LabTopology.LeafLink, director.AddressV4 + "/28", director.AddressV6 + "/64");
        ns.LinkSetUp(LabTopology.LeafLink);
        ns.AddRoute("default", via: director.InternetSideV4);
        ns.Run("-6", "route", "add", "default", "via", director.InternetSideV6);
        EnableForwarding(director.Namespace, strictReversePath: false);
    }

    private static void BuildDataCenter(LabDataCenter dc)
    {
        IpCommand isp = IpCommand.InNamespace(dc.IspNamespace);
        EnableForwarding(dc.IspNamespace, strictReversePath: false);
        Address(isp, LabTopology.IspUplink, dc.UplinkV4 + "/30", dc.UplinkV6 + "/64");
        isp.LinkSetUp(LabTopology.IspUplink);
        isp.AddRoute("default", via: dc.InternetSideV4);
        isp.Run("-6", "route", "add", "default", "via", dc.InternetSideV6);

        isp.Run("link", "add", LabTopology.IspLan, "type", "bridge");
        Address(isp, LabTopology.IspLan, dc.GatewayV4 + "/24", dc.GatewayV6 + "/64");
        isp.LinkSetUp(LabTopology.IspLan);
        foreach (LabReal real in dc.Reals)
        {
            isp.AddVethPair(real.IspLink, LabTopology.LeafLink, real.Namespace);
            isp.Run("link", "set", "dev", real.IspLink, "master", LabTopology.IspLan);
            isp.LinkSetUp(real.IspLink);

            IpCommand ns = IpCommand.InNamespace(real.Namespace);
            Address(ns, LabTopology.LeafLink, real.AddressV4 + "/24", real.AddressV6 + "/64");
            ns.LinkSetUp(LabTopology.LeafLink);
            ns.AddRoute("default", via: dc.GatewayV4);
            ns.Run("-6", "route", "add", "default", "via", dc.GatewayV6);
        }
    }

    private static void Address(IpCommand ns, string device, string v4, string v6)
    {
        ns.AddAddress(device, v4);
        ns.Run("address", "add", v6, "dev", device, "nodad");
    }

    /// <summary>
    /// A router: forwards both families. Reverse-path filtering off ("all" and "default", so every interface's
    /// effective value, the maximum of "all" and its own, is 0): replies from the reals carry the VIP as source
    /// and arrive from a DC, while the route back to the VIP points at the director.
    /// </summary>
    private static void EnableForwarding(string ns, bool strictReversePath)
    {
        string rpFilter = strictReversePath ? "1" : "0";
        NetworkNamespace.Run(ns, () =>
        {
            Sysctl.Write("net.ipv4.ip_forward", "1");
            Sysctl.Write("net.ipv6.conf.all.forwarding", "1");
            Sysctl.Write("net.ipv4.conf.all.rp_filter", rpFilter);
            Sysctl.Write("net.ipv4.conf.default.rp_filter", rpFilter);
        });
    }
}
