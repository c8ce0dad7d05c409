using System.Globalization;
using System.Text.Json;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// Inspects this host (in the calling thread's network namespace) for what an LVS-Tun real server needs: VIPs
/// bound, reverse-path filtering that lets decapsulated packets in, ARP settings, a decapsulation path
/// (the kernel's tunl0 or a running Longhaul agent) and an MSS that leaves room for the tunnel overhead.
/// Reading needs no root.
/// </summary>
public static class RealServerCheck
{
    public static IReadOnlyList<HostCheck> Run(IReadOnlyList<NetAddress> vips, ushort guePort = 0, string tunName = RealServerOptions.DefaultTunName, int tunnelMtu = 1500)
    {
        ArgumentNullException.ThrowIfNull(vips);
        IpCommand ip = IpCommand.Current;
        var checks = new List<HostCheck>();

        CheckVips(ip, vips, checks);
        string? decapDevice = CheckDecapPath(ip, guePort, tunName, checks);
        CheckRpFilter(decapDevice, checks);
        CheckArp(checks);
        CheckMss(ip, guePort, tunnelMtu, checks);

        string forward = TryReadSysctl("net.ipv4.ip_forward") ?? "?";
        checks.Add(new HostCheck("ip_forward", HostCheckStatus.Info, $"= {forward}; not required on a real server (replies are local, not forwarded)"));
        return checks;
    }

    private static void CheckVips(IpCommand ip, IReadOnlyList<NetAddress> vips, List<HostCheck> checks)
    {
        if (vips.Count == 0)
        {
            checks.Add(new HostCheck("VIP bound", HostCheckStatus.Info, "no --vip given, so VIP binding was not checked"));
            return;
        }

        var local = LocalAddresses.List(ip);
        foreach (NetAddress vip in vips)
        {
            string name = $"VIP {vip} bound";
            var found = local.Where(a => a.Address == vip).Select(a => a.Device).ToList();
            if (found.Count == 0)
            {
                checks.Add(new HostCheck(name, HostCheckStatus.Missing, "not a local address: the kernel would drop the decapsulated packets",
                    $"ip address add {LocalAddresses.HostPrefix(vip)} dev lo"));
            }
            else
            {
                string where = string.Join(", ", found);
                bool quiet = found.All(d => d is "lo" or "tunl0");
                checks.Add(new HostCheck(name, HostCheckStatus.Ok, quiet ? $"on {where}" : $"on {where} (ARP for it must be suppressed there)"));
            }
        }
    }

    /// <returns>The device decapsulated packets arrive on, for the rp_filter check.</returns>
    private static string? CheckDecapPath(IpCommand ip, ushort guePort, string tunName, List<HostCheck> checks)
    {
        string runFix = "longhaul realserver run --vip VIP --allow DIRECTOR_ADDRESS   (user-space decapsulation, works on any kernel)";
        if (LinkKind(ip, tunName) == "tun")
        {
            checks.Add(new HostCheck("decapsulation path", HostCheckStatus.Ok, $"Longhaul agent running (TUN device {tunName} exists)"));
            return tunName;
        }

        bool tunl0 = LinkKind(ip, "tunl0") is not null;
        bool tunl0Up = tunl0 && NetworkLink.IsUp("tunl0");
        if (tunl0Up)
        {
            checks.Add(new HostCheck("decapsulation path", HostCheckStatus.Ok, "kernel IPIP: tunl0 is up (ipip module loaded)"));
        }
        else
        {
            checks.Add(new HostCheck(
                "decapsulation path",
                HostCheckStatus.Missing,
                tunl0 ? "tunl0 exists but is down, and no Longhaul agent runs" : $"no tunl0 (ipip module not loaded) and no Longhaul agent (no TUN device {tunName})",
                tunl0 ? $"ip link set tunl0 up\nor: {runFix}" : $"{runFix}\nor: modprobe ipip && ip link set tunl0 up"));
        }

        if (guePort != 0)
        {
            string fou = TryRun(ip, "fou", "show") ?? "";
            bool listening = fou.Contains($"port {guePort.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal);
            checks.Add(listening
                ? new HostCheck($"GUE port {guePort}", HostCheckStatus.Ok, "kernel FOU/GUE receive port configured")
                : new HostCheck($"GUE port {guePort}", HostCheckStatus.Missing, "nothing decapsulates GUE on this port",
                    $"longhaul realserver run --gue-port {guePort} ...\nor: modprobe fou && ip fou add port {guePort} gue"));
        }

        return tunl0 ? "tunl0" : null;
    }

    private static void CheckRpFilter(string? decapDevice, List<HostCheck> checks)
    {
        const string AllKey = "net.ipv4.conf.all.rp_filter";
        int all = ReadInt(AllKey);
        checks.Add(all is 0 or 2
            ? new HostCheck("rp_filter (all)", HostCheckStatus.Ok, $"= {all}")
            : new HostCheck("rp_filter (all)", HostCheckStatus.Missing,
                $"= {all}: strict reverse-path filtering drops client packets that arrive via the tunnel but route back via the uplink",
                $"sysctl -w {AllKey}=0"));

        if (decapDevice is null)
        {
            return;
        }

        string key = $"net.ipv4.conf.{decapDevice.Replace('.', '/')}.rp_filter";
        int device = ReadInt(key);

        // The kernel applies max(all, device).
        int effective = Math.Max(all, device);
        checks.Add(effective is 0 or 2
            ? new HostCheck($"rp_filter ({decapDevice})", HostCheckStatus.Ok, $"= {device} (effective {effective})")
            : new HostCheck($"rp_filter ({decapDevice})", HostCheckStatus.Missing, $"= {device} (effective {effective})", $"sysctl -w {key}=0"));
    }

    private static void CheckArp(List<HostCheck> checks)
    {
        int ignore = ReadInt("net.ipv4.conf.all.arp_ignore");
        checks.Add(ignore >= 1
            ? new HostCheck("arp_ignore (all)", HostCheckStatus.Ok, $"= {ignore}")
            : new HostCheck("arp_ignore (all)", HostCheckStatus.Missing, $"= {ignore}: the host answers ARP for the VIP on lo from any interface",
                "sysctl -w net.ipv4.conf.all.arp_ignore=1"));

        int announce = ReadInt("net.ipv4.conf.all.arp_announce");
        checks.Add(announce == 2
            ? new HostCheck("arp_announce (all)", HostCheckStatus.Ok, $"= {announce}")
            : new HostCheck("arp_announce (all)", HostCheckStatus.Missing, $"= {announce}: ARP requests may carry the VIP as sender address",
                "sysctl -w net.ipv4.conf.all.arp_announce=2"));
    }

    private static void CheckMss(IpCommand ip, ushort guePort, int tunnelMtu, List<HostCheck> checks)
    {
        (int V4, int V6) wanted = MssClamp.Auto.Compute(tunnelMtu, guePort != 0, ipv6Outer: false)!.Value;
        foreach (bool ipv6 in new[] { false, true })
        {
            string family = ipv6 ? "IPv6" : "IPv4";
            int target = ipv6 ? wanted.V6 : wanted.V4;
            IReadOnlyList<IReadOnlyList<string>> routes;
            try
            {
                routes = DefaultRoutes.Show(ip, ipv6);
            }
            catch (IpCommandException)
            {
                routes = [];
            }

            if (routes.Count == 0)
            {
                checks.Add(new HostCheck($"advmss ({family} default route)", HostCheckStatus.Info, "no default route: replies to clients need a route"));
                continue;
            }

            foreach (IReadOnlyList<string> route in routes)
            {
                int? advmss = DefaultRoutes.Advmss(route);
                checks.Add(advmss is int value && value <= target
                    ? new HostCheck($"advmss ({family} default route)", HostCheckStatus.Ok, $"{value} <= {target}")
                    : new HostCheck(
                        $"advmss ({family} default route)",
                        HostCheckStatus.Missing,
                        $"{(advmss is int v ? v.ToString(CultureInfo.InvariantCulture) : "not set")}: clients may send segments that do not fit {tunnelMtu} bytes with the tunnel overhead",
                        $"ip {(ipv6 ? "-6" : "-4")} route replace {string.Join(' ', DefaultRoutes.WithAdvmss(route, target))}\n" +
                        $"or: {(ipv6 ? "ip6tables" : "iptables")} -t mangle -A OUTPUT -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {target}"));
            }
        }
    }

    /// <summary>The link's kind ("tun", "ipip", ...), "" for a plain device, or null when there is no such link.</summary>
    private static string? LinkKind(IpCommand ip, string device)
    {
        if (!NetworkLink.Exists(device))
        {
            return null;
        }

        string? json = TryRun(ip, "-d", "-j", "link", "show", "dev", device);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        foreach (JsonElement link in document.RootElement.EnumerateArray())
        {
            if (link.TryGetProperty("linkinfo", out JsonElement info) && info.TryGetProperty("info_kind", out JsonElement kind))
            {
                return kind.GetString() ?? "";
            }
        }

        return "";
    }

    private static string? TryRun(IpCommand ip, params string[] arguments)
    {
        try
        {
            return ip.Run(arguments);
        }
        catch (IpCommandException)
        {
            return null;
        }
    }

    private static string? TryReadSysctl(string key)
    {
        try
        {
            return Sysctl.Read(key);
        }
        catch (LinuxException)
        {
            return null;
        }
    }

    private static int ReadInt(string key) =>
        int.TryParse(TryReadSysctl(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : -1;
}
