using System.Globalization;
using System.Text.Json;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>Writes <c>longhaul bench</c> results as an aligned table for people or as JSON for scripts.</summary>
public static class BenchReportWriter
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static void WriteHeader(TextWriter writer, MachineInfo machine, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteLine(string.Create(s_invariant, $"cpu      {machine.CpuModel} ({machine.LogicalCores} logical cores, {machine.Vectors})"));
        writer.WriteLine(string.Create(s_invariant, $"runtime  {machine.Runtime} on {machine.OperatingSystem}"));
        writer.WriteLine(string.Create(s_invariant, $"build    {(machine.Optimized ? "optimised (Release)" : "NOT optimised (Debug): figures are meaningless")}"));
        writer.WriteLine(string.Create(s_invariant, $"load     {machine.LoadAverage} (1/5/15 min averages at start; other work lowers the figures)"));
        writer.WriteLine(string.Create(s_invariant, $"method   one thread, {options.Duration.TotalSeconds:0.##} s per workload after {options.Warmup.TotalSeconds:0.##} s warm-up; ratio = ns/packet ÷ baseline's, measured in this run; cpu = process CPU time ÷ wall time (below 100%: the core was shared), cpu ns/p = CPU time per packet"));
        writer.WriteLine();
        writer.WriteLine($"{"workload",-22} {"ns/packet",10} {"Mpps/core",10} {"GB/s",7} {"ratio",7}  {"baseline",-22} {"B/packet",8} {"cpu",5} {"cpu ns/p",9}  goal");
    }

    public static void WriteRow(TextWriter writer, WorkloadResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        string ratio = result.BaselineRatio is double r ? r.ToString("0.00", s_invariant) : "";
        string goal = "";
        if (BenchGoals.For(result.Name) is double target)
        {
            goal = result.NanosecondsPerPacket <= target
                ? string.Create(s_invariant, $"<= {target:0} ns: met")
                : string.Create(s_invariant, $"<= {target:0} ns: MISSED");
        }

        writer.WriteLine(string.Create(
            s_invariant,
            $"{result.Name,-22} {result.NanosecondsPerPacket,10:0.0} {result.PacketsPerSecond / 1e6,10:0.00} {result.GigabytesPerSecond,7:0.00} {ratio,7}  {result.Baseline ?? "",-22} {result.AllocatedBytesPerPacket,8:0.###} {result.CpuShare,5:P0} {result.CpuNanosecondsPerPacket,9:0.0}  {goal}"));
    }

    public static void WriteJson(Stream stream, MachineInfo machine, RunOptions options, IReadOnlyList<WorkloadResult> results)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("machine");
        json.WriteString("cpu", machine.CpuModel);
        json.WriteNumber("logicalCores", machine.LogicalCores);
        json.WriteString("runtime", machine.Runtime);
        json.WriteString("os", machine.OperatingSystem);
        json.WriteString("vectors", machine.Vectors);
        json.WriteString("loadAverage", machine.LoadAverage);
        json.WriteBoolean("optimized", machine.Optimized);
        json.WriteEndObject();
        json.WriteNumber("secondsPerWorkload", options.Duration.TotalSeconds);
        json.WriteNumber("warmupSeconds", options.Warmup.TotalSeconds);
        json.WriteStartArray("workloads");
        foreach (WorkloadResult result in results)
        {
            json.WriteStartObject();
            json.WriteString("name", result.Name);
            json.WriteString("description", result.Description);
            json.WriteNumber("packets", result.Packets);
            json.WriteNumber("completed", result.Completed);
            json.WriteNumber("seconds", result.Elapsed.TotalSeconds);
            json.WriteNumber("nsPerPacket", Math.Round(result.NanosecondsPerPacket, 2));
            json.WriteNumber("packetsPerSecond", Math.Round(result.PacketsPerSecond));
            json.WriteNumber("bytesPerPacket", result.BytesPerPacket);
            json.WriteNumber("gigabytesPerSecond", Math.Round(result.GigabytesPerSecond, 3));
            json.WriteNumber("cpuShare", Math.Round(result.CpuShare, 3));
            json.WriteNumber("cpuNsPerPacket", Math.Round(result.CpuNanosecondsPerPacket, 2));
            json.WriteNumber("allocatedBytes", result.AllocatedBytes);
            json.WriteNumber("allocatedBytesPerPacket", result.AllocatedBytesPerPacket);
            json.WriteNumber("collections", result.Collections);
            if (result.Baseline is not null)
            {
                json.WriteString("baseline", result.Baseline);
            }

            if (result.BaselineRatio is double ratio)
            {
                json.WriteNumber("ratioToBaseline", Math.Round(ratio, 3));
            }

            if (BenchGoals.For(result.Name) is double goal)
            {
                json.WriteNumber("goalNsPerPacket", goal);
                json.WriteBoolean("goalMet", result.NanosecondsPerPacket <= goal);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
