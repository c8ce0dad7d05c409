using System.Globalization;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Director.Control;

/// <summary>
/// <c>ctl list</c> in ipvsadm's <c>-L -n</c> layouts (the format strings of ipvsadm 1.31's print_title and
/// print_service_entry), so eyes and scripts used to ipvsadm read it as is. The default layout adds two
/// columns after InActConn: health state and data center. The first line names the director instead of the
/// kernel's "IP Virtual Server version".
/// </summary>
public static class ListFormatter
{
    public static string Format(ListResult list, bool stats, bool rate)
    {
        ArgumentNullException.ThrowIfNull(list);
        var c = CultureInfo.InvariantCulture;
        var o = new StringWriter(c) { NewLine = "\n" };
        o.WriteLine(string.Create(c, $"Longhaul director {list.Name} (config version {list.ConfigVersion}, flow table size={list.FlowTableSize})"));
        if (stats)
        {
            o.WriteLine(string.Create(c, $"{"Prot LocalAddress:Port",-33} {"Conns",8} {"InPkts",8} {"OutPkts",8} {"InBytes",8} {"OutBytes",8}"));
            o.WriteLine("  -> RemoteAddress:Port");
        }
        else if (rate)
        {
            o.WriteLine(string.Create(c, $"{"Prot LocalAddress:Port",-33} {"CPS",8} {"InPPS",8} {"OutPPS",8} {"InBPS",8} {"OutBPS",8}"));
            o.WriteLine("  -> RemoteAddress:Port");
        }
        else
        {
            o.WriteLine("Prot LocalAddress:Port Scheduler Flags");
            o.WriteLine("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn Health DC");
        }

        foreach (ServiceEntry service in list.Services)
        {
            string name = string.Create(c, $"{service.Protocol,-4} {Address(service.Vip, service.Port)}");
            if (stats)
            {
                o.WriteLine($"{name,-33}{LargeNumber(service.Conns)}{LargeNumber(service.InPkts)}{LargeNumber(0)}{LargeNumber(service.InBytes)}{LargeNumber(0)}");
            }
            else if (rate)
            {
                o.WriteLine(string.Create(c, $"{name,-33} {(ulong)service.Cps,8} {(ulong)service.InPps,8} {0,8}{LargeNumber((long)service.InBps)}{LargeNumber(0)}"));
            }
            else
            {
                o.WriteLine(ServiceLine(name, service));
            }

            foreach (RealEntry real in service.Reals)
            {
                string address = Address(real.Address, real.Port);
                if (stats)
                {
                    o.WriteLine($"  -> {address,-28}{LargeNumber(real.Conns)}{LargeNumber(real.InPkts)}{LargeNumber(0)}{LargeNumber(real.InBytes)}{LargeNumber(0)}");
                }
                else if (rate)
                {
                    o.WriteLine(string.Create(c, $"  -> {address,-28} {(ulong)real.Cps,8} {(ulong)real.InPps,8} {0,8}{LargeNumber((long)real.InBps)}{LargeNumber(0)}"));
                }
                else
                {
                    string health = real.State == "draining" ? "drain" : real.Health;
                    o.WriteLine(string.Create(c, $"  -> {address,-28} {real.Forward,-7} {real.Weight,-6} {real.ActiveConn,-10} {real.InActConn,-10} {health,-6} {real.DataCenter}").TrimEnd());
                }
            }
        }

        if (!stats && !rate && list.Announcements is { } announcements)
        {
            // After the table, so scripts that read ipvsadm's layout line by line meet it last.
            o.WriteLine(string.Create(c, $"BGP announcements (kernel table {list.AnnounceTable}):"));
            if (announcements.Count == 0)
            {
                o.WriteLine("  (no decision yet)");
            }

            foreach (AnnounceEntry announcement in announcements)
            {
                o.WriteLine($"  {announcement.Prefix,-28} {(announcement.Announced ? "announced" : "withdrawn"),-9} {announcement.Reason}");
            }
        }

        return o.ToString();
    }

    /// <summary>"TCP  203.0.113.10:443 sh (sh-port) persistent 360 mask 255.255.255.0".</summary>
    private static string ServiceLine(string name, ServiceEntry service)
    {
        var c = CultureInfo.InvariantCulture;
        string line = $"{name} {service.Scheduler}";
        if (service.Flags.Count > 0)
        {
            line += $" ({string.Join(',', service.Flags)})";
        }

        if (service.Persistence > 0)
        {
            line += string.Create(c, $" persistent {service.Persistence}");
            if (service.Netmask is { } mask)
            {
                line += $" mask {mask}";
            }
        }

        return line;
    }

    /// <summary>
    /// ipvsadm's print_largenum: <c>%9llu</c> below 10^8, then thousands (K), millions (M), billions (G) and
    /// trillions (T) in <c>%8llu</c> plus the letter. Always 9 characters wide up to 10^17.
    /// </summary>
    public static string LargeNumber(long value)
    {
        ulong n = (ulong)Math.Max(0, value);
        var c = CultureInfo.InvariantCulture;
        return n switch
        {
            < 100_000_000UL => string.Create(c, $"{n,9}"),
            < 1_000_000_000UL => string.Create(c, $"{n / 1_000UL,8}K"),
            < 100_000_000_000UL => string.Create(c, $"{n / 1_000_000UL,8}M"),
            < 100_000_000_000_000UL => string.Create(c, $"{n / 1_000_000_000UL,8}G"),
            _ => string.Create(c, $"{n / 1_000_000_000_000UL,8}T"),
        };
    }

    public static string FormatFlows(FlowsResult flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var c = CultureInfo.InvariantCulture;
        var o = new StringWriter(c) { NewLine = "\n" };
        o.WriteLine("Longhaul flow entries");
        o.WriteLine(string.Create(c, $"{"pro",-3} {"expire",-6} {"state",-11} {"source",-21} {"virtual",-21} {"destination",-21} worker"));
        foreach (FlowEntryView flow in flows.Flows)
        {
            int seconds = (int)Math.Max(0, flow.Expires);
            string expire = string.Create(c, $"{seconds / 60:00}:{seconds % 60:00}");
            o.WriteLine(string.Create(c, $"{flow.Protocol,-3} {expire,-6} {flow.State,-11} {flow.Client,-21} {flow.Virtual,-21} {flow.Real,-21} {flow.Worker}"));
        }

        if (flows.Truncated)
        {
            o.WriteLine(string.Create(c, $"({flows.Flows.Count} of {flows.Matched} matching flows shown; use --limit or a filter)"));
        }

        return o.ToString();
    }

    public static string FormatExplain(ExplainResult explain)
    {
        ArgumentNullException.ThrowIfNull(explain);
        var o = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        o.WriteLine(explain.Flow);
        for (int i = 0; i < explain.Steps.Count; i++)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. {explain.Steps[i]}"));
        }

        string verdict = explain.Real is { } real
            ? $"=> {real}{(string.IsNullOrEmpty(explain.DataCenter) ? string.Empty : $" ({explain.DataCenter})")} by {explain.Decision}"
            : $"=> {explain.Decision}";
        o.WriteLine(verdict);
        return o.ToString();
    }

    private static string Address(string address, int port) =>
        address.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}
