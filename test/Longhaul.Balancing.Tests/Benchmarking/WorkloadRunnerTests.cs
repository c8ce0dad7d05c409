using System.Buffers.Binary;
using System.Text.Json;
using Longhaul.Balancing.Benchmarking;
using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Tests.Benchmarking;

/// <summary>
/// The benchmark harness: every workload really does its work, and the per-packet paths allocate nothing (the
/// check CI runs on every commit; <c>longhaul bench</c> repeats it on the operator's machine).
/// </summary>
public sealed class WorkloadRunnerTests
{
    private static readonly RunOptions s_burst = new(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(40), BatchSize: 512);

    public static TheoryData<string> WorkloadNames()
    {
        var names = new TheoryData<string>();
        foreach (WorkloadSpec spec in WorkloadCatalog.Standard(BenchSettings.Small))
        {
            names.Add(spec.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Measure_ShortBurst_ProcessesPacketsWithExpectedOutcomeAndAllocatesNothing(string name)
    {
        WorkloadSpec spec = WorkloadCatalog.Standard(BenchSettings.Small).Single(s => s.Name == name);

        WorkloadResult result = WorkloadRunner.Measure(spec, s_burst);

        Assert.True(result.Packets > 0, $"{name} processed no packets");
        Assert.Equal(result.Packets, result.Completed);
        Assert.Equal(0, result.AllocatedBytes);
        Assert.Equal(0, result.AllocatedBytesPerPacket);
        Assert.True(result.NanosecondsPerPacket > 0);
    }

    [Fact]
    public void Standard_EveryBaselineNamed_IsListedBeforeTheWorkloadThatUsesIt()
    {
        IReadOnlyList<WorkloadSpec> specs = WorkloadCatalog.Standard();
        var seen = new HashSet<string>();
        foreach (WorkloadSpec spec in specs)
        {
            if (spec.Baseline is not null)
            {
                Assert.Contains(spec.Baseline, seen);
                Assert.True(specs.Single(s => s.Name == spec.Baseline).IsBaseline);
            }

            Assert.True(seen.Add(spec.Name), $"duplicate workload {spec.Name}");
        }

        Assert.Contains(WorkloadCatalog.Established, seen);
        Assert.Contains(WorkloadCatalog.NewFlow, seen);
        Assert.Contains(WorkloadCatalog.Churn, seen);
    }

    [Fact]
    public void MeasureAll_WorkloadWithBaseline_GetsRatioOfTimesPerPacket()
    {
        IReadOnlyList<WorkloadSpec> specs = WorkloadCatalog.Standard(BenchSettings.Small)
            .Where(s => s.Name is WorkloadCatalog.ChecksumScalar or WorkloadCatalog.ChecksumVector)
            .ToList();

        IReadOnlyList<WorkloadResult> results = WorkloadRunner.MeasureAll(specs, s_burst);

        Assert.Null(results[0].BaselineRatio);
        double expected = results[1].NanosecondsPerPacket / results[0].NanosecondsPerPacket;
        Assert.Equal(expected, results[1].BaselineRatio!.Value, 9);
    }

    [Fact]
    public void Established_Run_HitsTheFlowTableForEveryPacket()
    {
        var workload = new EstablishedFlowWorkload(BenchSettings.Small, 100);
        long hitsBefore = workload.Worker.Counters.FlowHits;
        long insertsBefore = workload.Worker.Counters.FlowInserts;

        int forwarded = workload.Run(1000);

        Assert.Equal(1000, forwarded);
        Assert.Equal(1000, workload.Worker.Counters.FlowHits - hitsBefore);
        Assert.Equal(insertsBefore, workload.Worker.Counters.FlowInserts);
    }

    [Fact]
    public void NewFlow_Run_InsertsEveryPacketWithoutEvicting()
    {
        var workload = new NewFlowWorkload(BenchSettings.Small);
        int packets = 3 * workload.Worker.Flows.Capacity;

        int forwarded = workload.Run(packets);

        Assert.Equal(packets, forwarded);
        Assert.Equal(packets, workload.Worker.Counters.FlowInserts);
        Assert.Equal(0, workload.Worker.Counters.FlowHits);
        Assert.Equal(0, workload.Worker.Counters.StatelessForwards);
        Assert.Equal(0, workload.Worker.Flows.Evictions);
    }

    [Fact]
    public void Churn_Run_EvictsALiveFlowForEveryNewOne()
    {
        var workload = new ChurnWorkload(BenchSettings.Small);
        long evictionsBefore = workload.Worker.Flows.Evictions;
        Assert.Equal(workload.Worker.Flows.Capacity, workload.Worker.Flows.Occupied);

        int forwarded = workload.Run(1000);

        Assert.Equal(1000, forwarded);
        Assert.Equal(1000, workload.Worker.Flows.Evictions - evictionsBefore);
        Assert.Equal(0, workload.Worker.Counters.StatelessForwards);
    }

    [Fact]
    public void FreshSynWriter_ConsecutivePackets_AreValidSynsOfDistinctFlows()
    {
        var writer = new FreshSynWriter(64);
        var buffer = new byte[writer.Length];
        var flows = new HashSet<FlowKey>();
        const int Count = 40_000; // crosses several source-address steps (16,384 ports each)

        for (int i = 0; i < Count; i++)
        {
            writer.Write(buffer);
            Assert.Equal(ParseStatus.Ok, PacketParser.Parse(buffer, out ParsedPacket parsed));
            Assert.Equal(0x02, parsed.TcpFlags);
            uint pseudo = InternetChecksum.PseudoHeaderSumV4(parsed.Flow.Source, parsed.Flow.Destination, IpProtocol.Tcp, buffer.Length - 20);
            Assert.True(InternetChecksum.IsValid(buffer.AsSpan(20), pseudo), $"TCP checksum of packet {i}");
            Assert.True(flows.Add(parsed.Flow), $"packet {i} repeats a 5-tuple");
        }

        Assert.Equal(Count, writer.Written);
        Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)), buffer.Length);
    }

    [Fact]
    public void IsJitOptimized_BalancingAssembly_MatchesThisBuildsConfiguration()
    {
        bool optimized = MachineInfo.IsJitOptimized(typeof(ForwardingWorker).Assembly);

#if DEBUG
        Assert.False(optimized);
#else
        Assert.True(optimized);
#endif
    }

    [Fact]
    public void WriteJson_Results_WritesMachineAndRatiosAndGoals()
    {
        var machine = new MachineInfo("Test CPU", 2, ".NET 10", "Linux", "Vector128", "0.10 0.20 0.30", Optimized: true);
        var options = new RunOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5));
        WorkloadResult[] results =
        [
            new(WorkloadCatalog.DictionaryEstablished, "d", null, 1000, 1000, TimeSpan.FromMicroseconds(40), 64, 0, 0),
            new(WorkloadCatalog.Established, "e", WorkloadCatalog.DictionaryEstablished, 1000, 1000, TimeSpan.FromMicroseconds(60), 64, 0, 0)
            {
                BaselineRatio = 1.5,
            },
        ];
        using var stream = new MemoryStream();

        BenchReportWriter.WriteJson(stream, machine, options, results);

        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("Test CPU", json.RootElement.GetProperty("machine").GetProperty("cpu").GetString());
        JsonElement established = json.RootElement.GetProperty("workloads")[1];
        Assert.Equal(60.0, established.GetProperty("nsPerPacket").GetDouble(), 6);
        Assert.Equal(1.5, established.GetProperty("ratioToBaseline").GetDouble());
        Assert.False(established.GetProperty("goalMet").GetBoolean());
        Assert.Equal(0, established.GetProperty("allocatedBytesPerPacket").GetDouble());
        Assert.False(json.RootElement.GetProperty("workloads")[0].TryGetProperty("goalNsPerPacket", out _));
    }
}
