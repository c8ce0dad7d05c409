using System.Text.Json;

namespace Longhaul.Egress;

/// <summary>Writes the check's results for people (a table, per-DC lines, what to ask for) or for scripts (JSON).</summary>
public static class EgressReport
{
    public static void WriteText(TextWriter writer, IReadOnlyList<EgressResult> results, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (string warning in warnings)
        {
            writer.WriteLine($"warning: {warning}");
        }

        int realWidth = Math.Max(4, results.Count == 0 ? 0 : results.Max(r => r.Target.Real.ToString().Length));
        int vipWidth = Math.Max(3, results.Count == 0 ? 0 : results.Max(r => r.Target.Vip.ToString().Length));
        int dcWidth = Math.Max(2, results.Count == 0 ? 0 : results.Max(r => r.Target.DataCenter.Length));
        writer.WriteLine($"{"REAL".PadRight(realWidth)}  {"VIP".PadRight(vipWidth)}  {"DC".PadRight(dcWidth)}  {"VERDICT",-19}  {"RTT",9}  EVIDENCE");
        foreach (EgressResult result in results)
        {
            string rtt = result.RoundTrip is { } time ? EgressVerdicts.Milliseconds(time) : "-";
            writer.WriteLine(
                $"{result.Target.Real.ToString().PadRight(realWidth)}  {result.Target.Vip.ToString().PadRight(vipWidth)}  " +
                $"{result.Target.DataCenter.PadRight(dcWidth)}  {EgressVerdicts.Name(result.Verdict),-19}  {rtt,9}  {result.Evidence}");
        }

        writer.WriteLine();
        foreach (DataCenterSummary dc in DataCenterSummary.From(results))
        {
            writer.WriteLine(
                $"DC {dc.DataCenter}: {dc.Verdict} ({dc.Allowed} allowed, {dc.Blocked} blocked, {dc.Rewritten} rewritten, " +
                $"{dc.NoAnswer} not answering, {dc.Skipped} skipped)");
        }

        foreach (EgressResult blocked in results.Where(r => r.Verdict == EgressVerdict.Blocked))
        {
            writer.WriteLine(
                $"ask the provider of {blocked.Target.Real}{(blocked.Target.DataCenter.Length > 0 ? $" ({blocked.Target.DataCenter})" : "")}: " +
                $"permit source {blocked.Target.Vip} (or its VIP prefix) from that server's port/prefix only; see docs/isp-egress.md");
        }
    }

    public static void WriteJson(Stream stream, IReadOnlyList<EgressResult> results, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(warnings);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("exitCode", EgressVerdicts.ExitCode(results));
        json.WriteStartArray("warnings");
        foreach (string warning in warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteStartArray("reals");
        foreach (EgressResult result in results)
        {
            ProbeObservation o = result.Observation;
            json.WriteStartObject();
            json.WriteString("real", result.Target.Real.ToString());
            json.WriteString("vip", result.Target.Vip.ToString());
            json.WriteString("dc", result.Target.DataCenter);
            json.WriteString("verdict", EgressVerdicts.Name(result.Verdict));
            WriteMilliseconds(json, "rttMs", result.RoundTrip);
            json.WriteNumber("probesSent", o.ProbesSent);
            WriteMilliseconds(json, "vipReplyMs", o.VipReplyAfter);
            json.WriteString("vipReplySource", o.VipReplyAfter is null ? null : o.VipReplySource.ToString());
            WriteMilliseconds(json, "controlReplyMs", o.ControlReplyAfter);
            json.WriteString("controlReplySource", o.ControlReplyAfter is null ? null : o.ControlReplySource.ToString());
            json.WriteString("evidence", result.Evidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("dcs");
        foreach (DataCenterSummary dc in DataCenterSummary.From(results))
        {
            json.WriteStartObject();
            json.WriteString("dc", dc.DataCenter);
            json.WriteString("verdict", dc.Verdict);
            json.WriteNumber("allowed", dc.Allowed);
            json.WriteNumber("blocked", dc.Blocked);
            json.WriteNumber("rewritten", dc.Rewritten);
            json.WriteNumber("notAnswering", dc.NoAnswer);
            json.WriteNumber("skipped", dc.Skipped);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is { } time)
        {
            json.WriteNumber(name, Math.Round(time.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
