using System.Globalization;
using Longhaul.Linux;

namespace Longhaul.Director.Announce;

/// <summary>
/// <c>ip route replace VIP/32 dev TUN table N proto static</c> and <c>ip route del VIP/32 table N</c>. The route
/// points into the director's own TUN device, not at a blackhole: the kernel deletes every route through a
/// device when the device goes, and the (non-persistent) TUN device goes the moment the director's process
/// ends, however it ends. So a director killed with SIGKILL withdraws its VIPs without anyone's help: BIRD
/// hears of the deletion over netlink and withdraws them from BGP. Table N is never consulted for
/// forwarding (no <c>ip rule</c> points at it), it only says what to announce.
/// </summary>
public sealed class KernelAnnounceRoutes(int table, string device) : IAnnounceRoutes
{
    private readonly string _table = table.ToString(CultureInfo.InvariantCulture);

    public int Table { get; } = table;

    public string Device { get; } = device;

    public void Announce(string prefix) =>
        IpCommand.Current.Run("route", "replace", prefix, "dev", Device, "table", _table, "proto", "static");

    public void Withdraw(string prefix)
    {
        try
        {
            IpCommand.Current.Run("route", "del", prefix, "table", _table);
        }
        catch (IpCommandException e) when (e.StandardError.Contains("No such process", StringComparison.Ordinal))
        {
            // RTNETLINK answers ESRCH: the route is not there (the device went first, or an operator removed it).
        }
    }
}
