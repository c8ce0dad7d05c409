using Longhaul.Balancing.Model;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Director.Runtime;

/// <summary>VIP routes into the TUN device, and IPv6 forwarding once an IPv6 VIP needs it.</summary>
public sealed partial class DirectorRuntime
{
    private readonly Dictionary<NetAddress, string> _routes = [];
    private bool _ipv6Forwarding;

    /// <summary>The VIPs routed into the TUN device.</summary>
    public IReadOnlyCollection<NetAddress> RoutedVips => _routes.Keys;

    /// <summary>Routes every VIP of <paramref name="definition"/> that has none yet; all or nothing.</summary>
    private void AddRoutes(BalancerDefinition definition)
    {
        var added = new List<NetAddress>();
        try
        {
            foreach (ServiceDefinition service in definition.Services)
            {
                NetAddress vip = service.Vip;
                if (_routes.ContainsKey(vip))
                {
                    continue;
                }

                if (!vip.IsIPv4)
                {
                    EnableIpv6Forwarding();
                }

                string prefix = vip.IsIPv4 ? $"{vip}/32" : $"{vip}/128";

                // replace, not add: a route left by a director that crashed must not stop this one.
                IpCommand.Current.ReplaceRoute(prefix, device: _tunName);
                _routes.Add(vip, prefix);
                added.Add(vip);
            }
        }
        catch
        {
            foreach (NetAddress vip in added)
            {
                DeleteRoute(vip);
            }

            throw;
        }
    }

    private void RemoveStaleRoutes(BalancerDefinition definition)
    {
        var wanted = new HashSet<NetAddress>();
        foreach (ServiceDefinition service in definition.Services)
        {
            wanted.Add(service.Vip);
        }

        foreach (NetAddress vip in _routes.Keys.ToList())
        {
            if (!wanted.Contains(vip))
            {
                DeleteRoute(vip);
            }
        }
    }

    private void RemoveAllRoutes()
    {
        foreach (NetAddress vip in _routes.Keys.ToList())
        {
            DeleteRoute(vip);
        }
    }

    private void DeleteRoute(NetAddress vip)
    {
        if (!_routes.Remove(vip, out string? prefix))
        {
            return;
        }

        try
        {
            IpCommand.Current.DeleteRoute(prefix);
        }
        catch (IpCommandException e)
        {
            // Gone already (the TUN device closed first, or an operator removed it): nothing left to undo.
            _log.Warning($"removing route {prefix}: {e.StandardError.Trim()}");
        }
    }

    /// <summary>
    /// net.ipv6.conf.all.forwarding is only turned on when an IPv6 VIP exists: on a host that configures IPv6
    /// from router advertisements it also stops accepting them, which an IPv4-only director need not risk.
    /// </summary>
    private void EnableIpv6Forwarding()
    {
        if (_ipv6Forwarding)
        {
            return;
        }

        ChangeSysctl("net.ipv6.conf.all.forwarding", "1");
        _ipv6Forwarding = true;
    }
}
