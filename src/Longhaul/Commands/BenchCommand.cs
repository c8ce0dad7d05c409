using System.CommandLine;
using Longhaul.Balancing.Benchmarking;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul bench [--seconds N] [--json] [--workload NAME]...</c>: what an operator runs on a new director box
/// to see its per-core packet rate. Each workload runs single-threaded for N seconds after a warm-up; the
/// figures quoted in docs/performance.md come from <c>dotnet run -c Release --project src/Longhaul -- bench</c>.
/// Exit 1 when any workload allocated or lost packets (the zero-allocation promise is part of the result).
/// The workloads themselves live in Longhaul.Balancing.Benchmarking, shared with bench/Longhaul.Benchmarks.
/// </summary>
internal static class BenchCommand
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Measured seconds per workload (after a warm-up of a quarter of that, 0.25..1 s).",
            DefaultValueFactory = _ => 2,
        };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON." };
        var workloads = new Option<string[]>("--workload")
        {
            Description = "Run only these workloads (and their baselines); repeatable. Default: all.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command(
            "bench",
            "Measure this machine's per-core packet rate: ns/packet and Mpps for an established flow, a new flow, " +
            "table churn, parsing and checksums, each against a baseline measured in the same run. " +
            "Quote figures from a Release build: dotnet run -c Release --project src/Longhaul -- bench");
        command.Options.Add(seconds);
        command.Options.Add(json);
        command.Options.Add(workloads);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(seconds), parseResult.GetValue(json), parseResult.GetValue(workloads) ?? []));
        return command;
    }

    private static int Run(double seconds, bool json, string[] names)
    {
        if (!(seconds > 0) || seconds > 600)
        {
            Console.Error.WriteLine("bench: --seconds must be above 0 and at most 600.");
            return ExitUsage;
        }

        IReadOnlyList<WorkloadSpec> all = WorkloadCatalog.Standard();
        List<WorkloadSpec>? specs = Select(all, names, out string? unknown);
        if (specs is null)
        {
            Console.Error.WriteLine($"bench: unknown workload '{unknown}'; known: {string.Join(", ", all.Select(s => s.Name))}");
            return ExitUsage;
        }

        var options = RunOptions.ForSeconds(seconds);
        MachineInfo machine = MachineInfo.Current();
        if (!machine.Optimized)
        {
            Console.Error.WriteLine(
                "bench: warning: this is a Debug build (JIT optimiser disabled); its figures say nothing about the machine. " +
                "Run: dotnet run -c Release --project src/Longhaul -- bench");
        }

        IReadOnlyList<WorkloadResult> results;
        if (json)
        {
            results = WorkloadRunner.MeasureAll(specs, options);
            using Stream output = Console.OpenStandardOutput();
            BenchReportWriter.WriteJson(output, machine, options, results);
            output.Write("\n"u8);
        }
        else
        {
            BenchReportWriter.WriteHeader(Console.Out, machine, options);
            results = WorkloadRunner.MeasureAll(specs, options, result => BenchReportWriter.WriteRow(Console.Out, result));
        }

        return Verify(results) ? ExitOk : ExitFailed;
    }

    /// <summary>The named workloads plus the baselines they are compared with, in catalog order; null for an unknown name.</summary>
    private static List<WorkloadSpec>? Select(IReadOnlyList<WorkloadSpec> all, string[] names, out string? unknown)
    {
        unknown = null;
        if (names.Length == 0)
        {
            return [.. all];
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            WorkloadSpec? spec = all.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (spec is null)
            {
                unknown = name;
                return null;
            }

            wanted.Add(spec.Name);
            if (spec.Baseline is not null)
            {
                wanted.Add(spec.Baseline);
            }
        }

        return [.. all.Where(s => wanted.Contains(s.Name))];
    }

    private static bool Verify(IReadOnlyList<WorkloadResult> results)
    {
        bool ok = true;
        foreach (WorkloadResult result in results)
        {
            if (result.AllocatedBytes != 0)
            {
                Console.Error.WriteLine($"bench: {result.Name} allocated {result.AllocatedBytes} bytes on the per-packet path; it must allocate nothing.");
                ok = false;
            }

            if (result.Completed != result.Packets)
            {
                Console.Error.WriteLine($"bench: {result.Name}: only {result.Completed} of {result.Packets} packets had the expected outcome.");
                ok = false;
            }
        }

        return ok;
    }
}
