using System.Diagnostics;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Measures workloads on the calling thread: warm up, collect garbage, then run whole batches until the
/// duration has passed, reading the clock and the thread's allocation counter only between batches.
/// </summary>
public static class WorkloadRunner
{
    public static WorkloadResult Measure(WorkloadSpec spec, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        PacketWorkload workload = spec.Create();
        return Measure(spec, workload, options);
    }

    public static WorkloadResult Measure(WorkloadSpec spec, PacketWorkload workload, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(options);
        int batch = options.BatchSize;

        long warmupEnd = Stopwatch.GetTimestamp() + Ticks(options.Warmup);
        do
        {
            workload.Run(batch);
        }
        while (Stopwatch.GetTimestamp() < warmupEnd);

        // Setup garbage must not be collected on the clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        int collectionsBefore = GC.CollectionCount(0);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        long deadline = start + Ticks(options.Duration);
        long packets = 0;
        long completed = 0;
        long now;
        do
        {
            completed += workload.Run(batch);
            packets += batch;
            now = Stopwatch.GetTimestamp();
        }
        while (now < deadline);

        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        int collections = GC.CollectionCount(0) - collectionsBefore;
        return new WorkloadResult(
            spec.Name,
            spec.Description,
            spec.Baseline,
            packets,
            completed,
            Stopwatch.GetElapsedTime(start, now),
            workload.BytesPerPacket,
            allocated,
            collections)
        {
            ProcessCpuTime = cpu,
        };
    }

    /// <summary>
    /// Measures every spec in order and fills in each result's ratio to its baseline. <paramref name="onResult"/>
    /// sees each result as soon as it is known (a progress line for a long run).
    /// </summary>
    public static IReadOnlyList<WorkloadResult> MeasureAll(
        IReadOnlyList<WorkloadSpec> specs, RunOptions options, Action<WorkloadResult>? onResult = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var results = new List<WorkloadResult>(specs.Count);
        var byName = new Dictionary<string, WorkloadResult>(StringComparer.Ordinal);
        foreach (WorkloadSpec spec in specs)
        {
            WorkloadResult result = Measure(spec, options);
            if (spec.Baseline is not null && byName.TryGetValue(spec.Baseline, out WorkloadResult? baseline))
            {
                result = result with { BaselineRatio = result.NanosecondsPerPacket / baseline.NanosecondsPerPacket };
            }

            byName[spec.Name] = result;
            results.Add(result);
            onResult?.Invoke(result);
        }

        return results;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
