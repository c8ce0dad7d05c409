using System.Security.Cryptography;
using Longhaul.Linux;

namespace Longhaul.Egress.Tests;

/// <summary>
/// Namespaces lhtest-eg-&lt;random&gt;-*: a director (192.0.2.2) and a client (198.51.100.10) on an "internet"
/// router; two ISP routers behind it, isp1 (dc1: reals 100.64.1.2 and 100.64.3.2) without filtering and isp2
/// (dc2: real 100.64.2.2) with strict reverse-path filtering, the BCP 84 anti-spoofing filter. The VIP prefix
/// 203.0.113.0/24 is routed to the director, as the internet routes it. Nothing is linked to the host; Dispose
/// deletes every namespace.
/// </summary>
internal sealed class EgressTestLab : IDisposable
{
    private readonly List<NetworkNamespace> _namespaces = [];

    public EgressTestLab()
    {
        string prefix = $"lhtest-eg-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        try
        {
            Internet = Create($"{prefix}-inet", router: true);
            Isp1 = Create($"{prefix}-isp1", router: true);
            Isp2 = Create($"{prefix}-isp2", router: true);
            Director = Create($"{prefix}-dir", router: false);
            Client = Create($"{prefix}-cli", router: false);
            Real1 = Create($"{prefix}-r1", router: false);
            Real2 = Create($"{prefix}-r2", router: false);
            Real3 = Create($"{prefix}-r3", router: false);

            Link(Internet, "td", "192.0.2.1", Director, "eth0", "192.0.2.2", defaultVia: true);
            Link(Internet, "tc", "198.51.100.1", Client, "eth0", "198.51.100.10", defaultVia: true);
            Link(Internet, "ti1", "100.65.1.1", Isp1, "up", "100.65.1.2", defaultVia: true);
            Link(Internet, "ti2", "100.65.2.1", Isp2, "up", "100.65.2.2", defaultVia: true);
            Link(Isp1, "l1", "100.64.1.1", Real1, "eth0", "100.64.1.2", defaultVia: true);
            Link(Isp1, "l3", "100.64.3.1", Real3, "eth0", "100.64.3.2", defaultVia: true);
            Link(Isp2, "l2", "100.64.2.1", Real2, "eth0", "100.64.2.2", defaultVia: true);

            IpCommand inet = IpCommand.InNamespace(Internet.Name);
            inet.AddRoute("100.64.1.0/24", via: "100.65.1.2");
            inet.AddRoute("100.64.3.0/24", via: "100.65.1.2");
            inet.AddRoute("100.64.2.0/24", via: "100.65.2.2");
            inet.AddRoute("203.0.113.0/24", via: "192.0.2.2");

            // The director accepts replies from the VIP on its uplink (loose mode, what egress-check recommends).
            Director.Run(static () => Sysctl.Write("net.ipv4.conf.all.rp_filter", "2"));

            // isp2 is the provider that filters: strict reverse-path check on its customer side. The kernel
            // takes max(all, dev), so "all" alone would do; both are set as an operator would.
            Isp2.Run(static () =>
            {
                Sysctl.Write("net.ipv4.conf.all.rp_filter", "1");
                Sysctl.Write("net.ipv4.conf.l2.rp_filter", "1");
            });
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Internet { get; } = null!;

    public NetworkNamespace Isp1 { get; } = null!;

    public NetworkNamespace Isp2 { get; } = null!;

    public NetworkNamespace Director { get; } = null!;

    public NetworkNamespace Client { get; } = null!;

    public NetworkNamespace Real1 { get; } = null!;

    public NetworkNamespace Real2 { get; } = null!;

    public NetworkNamespace Real3 { get; } = null!;

    public void Dispose()
    {
        foreach (NetworkNamespace ns in _namespaces)
        {
            ns.Dispose();
        }
    }

    private NetworkNamespace Create(string name, bool router)
    {
        NetworkNamespace ns = NetworkNamespace.Create(name);
        _namespaces.Add(ns);
        ns.Run(() =>
        {
            // No ICMP rate limiting: the traceroute check must not depend on the kernel's token bucket.
            Sysctl.Write("net.ipv4.icmp_ratelimit", "0");
            Sysctl.Write("net.ipv4.conf.all.rp_filter", "0");
            Sysctl.Write("net.ipv4.conf.default.rp_filter", "0");
            if (router)
            {
                Sysctl.Write("net.ipv4.ip_forward", "1");
            }
        });
        return ns;
    }

    private static void Link(NetworkNamespace a, string aName, string aAddress, NetworkNamespace b, string bName, string bAddress, bool defaultVia)
    {
        IpCommand ipA = IpCommand.InNamespace(a.Name);
        IpCommand ipB = IpCommand.InNamespace(b.Name);
        ipA.AddVethPair(aName, bName, b.Name);
        ipA.AddAddress(aName, $"{aAddress}/24");
        ipA.LinkSetUp(aName);
        ipB.AddAddress(bName, $"{bAddress}/24");
        ipB.LinkSetUp(bName);
        ipB.LinkSetUp("lo");
        if (defaultVia)
        {
            ipB.AddRoute("default", via: aAddress);
        }
    }
}
