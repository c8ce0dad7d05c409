using System.Security.Cryptography;
using Longhaul.Linux;

namespace Longhaul.RealServer.Tests;

/// <summary>
/// Four fresh namespaces named lhtest-rs-&lt;random&gt;-{rtr,real,dir,cli}: a router joined by veth pairs to a
/// real server (100.64.1.2, 2001:db8:1::2), a director (192.0.2.2, 2001:db8:d::2) and a client (198.51.100.10,
/// 2001:db8:c::10), each with its default routes via the router. Traffic stays inside them; Dispose deletes all.
/// </summary>
internal sealed class RealServerTestLab : IDisposable
{
    private readonly List<NetworkNamespace> _namespaces = [];

    public RealServerTestLab()
    {
        string prefix = $"lhtest-rs-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        try
        {
            Router = Create($"{prefix}-rtr");
            Real = Create($"{prefix}-real");
            Director = Create($"{prefix}-dir");
            Client = Create($"{prefix}-cli");
            Router.Run(static () =>
            {
                Sysctl.Write("net.ipv4.ip_forward", "1");
                Sysctl.Write("net.ipv6.conf.all.forwarding", "1");
                Sysctl.Write("net.ipv4.conf.all.rp_filter", "0");
                Sysctl.Write("net.ipv4.conf.default.rp_filter", "0");
            });
            Connect(Real, "tr", "100.64.1", "2001:db8:1");
            Connect(Director, "td", "192.0.2", "2001:db8:d");
            Connect(Client, "tc", "198.51.100", "2001:db8:c");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Router { get; } = null!;

    public NetworkNamespace Real { get; } = null!;

    public NetworkNamespace Director { get; } = null!;

    public NetworkNamespace Client { get; } = null!;

    public void Dispose()
    {
        foreach (NetworkNamespace ns in _namespaces)
        {
            ns.Dispose();
        }
    }

    private NetworkNamespace Create(string name)
    {
        NetworkNamespace ns = NetworkNamespace.Create(name);
        _namespaces.Add(ns);

        // No duplicate address detection on links created later: a tentative link-local address stalls
        // neighbour discovery for a second or two, longer than the tests wait for a reply.
        ns.Run(static () =>
        {
            Sysctl.Write("net.ipv6.conf.all.accept_dad", "0");
            Sysctl.Write("net.ipv6.conf.default.accept_dad", "0");
        });
        return ns;
    }

    /// <summary>Router side ".1" on <paramref name="routerEnd"/>, host side ".2" (or ".10" for the client) on eth0.</summary>
    private void Connect(NetworkNamespace host, string routerEnd, string v4Net, string v6Net)
    {
        IpCommand router = IpCommand.InNamespace(Router.Name);
        IpCommand other = IpCommand.InNamespace(host.Name);
        string hostPart = host == Client ? "10" : "2";
        router.AddVethPair(routerEnd, "eth0", host.Name);
        router.AddAddress(routerEnd, $"{v4Net}.1/24");
        router.Run("address", "add", $"{v6Net}::1/64", "dev", routerEnd, "nodad");
        router.LinkSetUp(routerEnd);
        other.AddAddress("eth0", $"{v4Net}.{hostPart}/24");
        other.Run("address", "add", $"{v6Net}::{hostPart}/64", "dev", "eth0", "nodad");
        other.LinkSetUp("eth0");
        other.AddRoute("default", via: $"{v4Net}.1");
        other.Run("-6", "route", "add", "default", "via", $"{v6Net}::1");
    }
}
