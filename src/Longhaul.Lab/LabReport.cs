using System.Globalization;
using Longhaul.Lab.Http;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>The lab's human-readable output: what `lab up`, `lab status` and `lab demo` print.</summary>
public static class LabReport
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static void WriteSummary(LonghaulLab lab, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(output);
        LabTopology topology = lab.Topology;
        Line(output, $"lab up: {topology.DataCenters.Count} DCs, {topology.Reals.Count} reals, {topology.Directors.Count} director(s), {lab.Encapsulation} tunnels");
        Line(output, $"  client  {LabTopology.ClientNamespace,-18} {LabTopology.ClientAddressV4} {LabTopology.ClientAddressV6}");
        foreach (LabDirector director in topology.Directors)
        {
            Line(output, $"  {director.Name,-7} {director.Namespace,-18} {director.AddressV4} {director.AddressV6}");
        }

        Line(output, $"  VIPs    {LabTopology.VipV4}:{LabTopology.ServicePort} [{LabTopology.VipV6}]:{LabTopology.ServicePort}");
        foreach (LabDataCenter dc in topology.DataCenters)
        {
            string filter = dc.IspFilter ? "  ISP filter ON (drops source = VIP)" : "";
            Line(output, $"  {dc.Name,-11} {dc.IspNamespace,-18} LAN {dc.LanPrefixV4} {dc.LanPrefixV6}{filter}");
            foreach (LabReal real in dc.Reals)
            {
                Line(output, $"    {real.Name,-5} {real.Namespace,-20} {real.AddressV4} {real.AddressV6}");
            }
        }

        Line(output, $"state in {lab.Paths.StateFile}, logs in {lab.Paths.Logs}");
    }

    public static void WriteStatus(LonghaulLab lab, LabStatus status, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        int namespaces = lab.Topology.Namespaces.Count();
        Line(output, $"namespaces: {namespaces - status.MissingNamespaces.Count}/{namespaces} present{Missing(status.MissingNamespaces)}");
        int alive = lab.Processes.Count - status.DeadProcesses.Count;
        Line(output, $"processes:  {alive}/{lab.Processes.Count} running");
        foreach (LabProcess dead in status.DeadProcesses)
        {
            Line(output, $"  {dead.Name} (pid {dead.Pid}) is not running; see {dead.LogFile}");
        }

        if (status.ThroughVip is { } vip)
        {
            Line(output, $"VIP {LabTopology.VipV4}: {(vip.Ok ? $"answered by {vip.Real} {vip.DataCenter} in {vip.Elapsed.TotalMilliseconds:0.0} ms" : vip.Error)}");
        }

        if (status.Director is { } director)
        {
            Line(output, $"director:   {director.Packets} packets in ({Bytes(director.Bytes)}), {director.Forwarded} forwarded ({Bytes(director.ForwardedBytes)}), {director.Replies} ICMP replies, {director.TotalDrops} dropped{Drops(director.Drops)}");
        }

        output.WriteLine("real          DC           direct HTTP      agent: received  decapsulated  dropped");
        foreach (LabReal real in lab.Topology.Reals)
        {
            string direct = status.Direct.TryGetValue(real, out LabHttpResult? result)
                ? result.Ok ? $"ok {result.Elapsed.TotalMilliseconds,5:0.0} ms" : "NO ANSWER"
                : "-";
            AgentStats? agent = status.Agents.GetValueOrDefault(real);
            string counters = agent is null ? "(no stats)" : $"{agent.Received,15} {agent.Decapsulated,13} {agent.Drops.Values.Sum(),8}{Drops(agent.Drops)}";
            Line(output, $"{real.Name,-13} {real.DataCenter,-12} {direct,-16} {counters}");
        }

        foreach ((string dc, long? drops) in status.IspFilters)
        {
            if (drops is { } count)
            {
                Line(output, $"ISP filter on {dc}: {count} packets dropped (source not from {dc}, e.g. replies from the VIP)");
            }
        }

        output.WriteLine(status.Healthy ? "healthy" : "NOT healthy");
    }

    public static void WriteDemo(LonghaulLab lab, LabDemoReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        double seconds = Math.Max(report.Elapsed.TotalSeconds, 0.001);
        Line(output, $"{report.Outcomes.Count} requests GET /bytes/{report.Settings.Bytes} to {report.Vip}:80 in {seconds:0.0} s: {report.Succeeded} answered, {report.Failed} without answer");
        output.WriteLine();
        output.WriteLine("real           DC            answers  share  lost  tunnel packets decapsulated");
        foreach (LabReal real in lab.Topology.Reals)
        {
            int answered = report.AnsweredBy(real);
            Line(output, $"{real.Name,-14} {real.DataCenter,-13} {answered,7} {Share(answered, report.Outcomes.Count),6} {report.LostAt(real),5}  {report.AgentDecapsulated.GetValueOrDefault(real),14}");
        }

        output.WriteLine();
        output.WriteLine("DC             answers  share  lost");
        foreach (LabDataCenter dc in lab.Topology.DataCenters)
        {
            int answered = dc.Reals.Sum(report.AnsweredBy);
            int lost = dc.Reals.Sum(report.LostAt);
            string note = report.IspFilterDrops.GetValueOrDefault(dc.Name) > 0
                ? $"   <- its ISP dropped {report.IspFilterDrops[dc.Name]} reply packets with source = VIP (BCP38): requests arrive, answers never leave"
                : "";
            Line(output, $"{dc.Name,-14} {answered,7} {Share(answered, report.Outcomes.Count),6} {lost,5}{note}");
        }

        output.WriteLine();
        if (report.Mispredicted == 0)
        {
            Line(output, $"every answer came from the real the scheduler ({lab.Options.Scheduler}, seed {lab.Options.HashSeed}) picks for its 5-tuple");
        }
        else
        {
            Line(output, $"{report.Mispredicted} answers came from a real other than the scheduler's pick");
        }

        output.WriteLine();
        output.WriteLine("direct server return:");
        Line(output, $"  client received         {Bytes(report.ClientBytesReceived),12}");
        Line(output, $"  director received       {Bytes(report.DirectorBytes),12}  ({report.DirectorPackets} packets: the client's SYNs, requests and ACKs)");
        Line(output, $"  director forwarded      {Bytes(report.DirectorForwardedBytes),12}  (the same packets, encapsulated)");
        if (report.DirectorForwardedBytes > 0)
        {
            Line(output, $"  the answers never crossed the director: it carried {(double)report.ClientBytesReceived / report.DirectorForwardedBytes:0.0}x fewer bytes than the client received");
        }
        else if (report.DirectorAfter is null)
        {
            output.WriteLine("  (no director stats file: is the director running?)");
        }
    }

    /// <summary>A one-line progress bar that redraws itself with a carriage return.</summary>
    public static string ProgressBar(int done, int total)
    {
        const int Width = 30;
        int filled = total == 0 ? Width : (int)((long)done * Width / total);
        return string.Create(s_culture, $"\r  [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(s_culture));

    private static string Share(int part, int total) => total == 0 ? "-" : string.Create(s_culture, $"{100.0 * part / total:0}%");

    private static string Missing(IReadOnlyList<string> missing) => missing.Count == 0 ? "" : " (missing: " + string.Join(' ', missing) + ")";

    private static string Drops(IReadOnlyDictionary<string, long> drops)
    {
        var nonZero = drops.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}").ToList();
        return nonZero.Count == 0 ? "" : " (" + string.Join(", ", nonZero) + ")";
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 10_000_000 => string.Create(s_culture, $"{bytes / 1_000_000.0:0.0} MB"),
        >= 10_000 => string.Create(s_culture, $"{bytes / 1000.0:0.0} kB"),
        _ => string.Create(s_culture, $"{bytes} B"),
    };
}
