namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// The standard workloads, each baseline listed right before the workload compared with it, so the two are
/// measured seconds apart under the same machine load.
/// </summary>
public static class WorkloadCatalog
{
    public const string MemoryLatency = "memory-latency";
    public const string Established = "established";
    public const string EstablishedMany = "established-many";
    public const string NewFlow = "new-flow";
    public const string Churn = "churn";
    public const string Parse = "parse";
    public const string ChecksumVector = "checksum";
    public const string ChecksumScalar = "checksum-scalar";
    public const string DictionaryEstablished = "dict-established";
    public const string DictionaryEstablishedMany = "dict-established-many";
    public const string DictionaryNewFlow = "dict-new-flow";
    public const string DictionaryChurn = "dict-churn";

    public static IReadOnlyList<WorkloadSpec> Standard(BenchSettings? settings = null)
    {
        BenchSettings s = settings ?? BenchSettings.Default;
        int many = s.ManyFlows;
        return
        [
            new(MemoryLatency, $"context, not a packet path: one dependent load over {s.FlowCapacity * 64L / (1024 * 1024):N0} MiB (the flow table's size)", null,
                () => new MemoryLatencyWorkload(s)),
            Baseline(DictionaryEstablished, "Dictionary<FlowKey,int> baseline: copy, parse, dictionary hit, IPIP encapsulate (1 flow)",
                () => new DictionaryEstablishedWorkload(s, 1)),
            new(Established, "established TCP flow: copy, parse, flow hit, IPIP encapsulate (1 flow)", DictionaryEstablished,
                () => new EstablishedFlowWorkload(s, 1)),
            Baseline(DictionaryEstablishedMany, $"Dictionary baseline over {many:N0} established flows round-robin",
                () => new DictionaryEstablishedWorkload(s, many)),
            new(EstablishedMany, $"established TCP flows, {many:N0} round-robin (table not in cache)", DictionaryEstablishedMany,
                () => new EstablishedFlowWorkload(s, many)),
            Baseline(DictionaryNewFlow, "Dictionary baseline: SYN, parse, miss, XXH3 + Maglev, add, encapsulate",
                () => new DictionaryNewFlowWorkload(s, bounded: false)),
            new(NewFlow, "new flow: SYN with a fresh 5-tuple, miss, Maglev, insert, encapsulate", DictionaryNewFlow,
                () => new NewFlowWorkload(s)),
            Baseline(DictionaryChurn, "Dictionary baseline at capacity: add one flow, remove the oldest (FIFO)",
                () => new DictionaryNewFlowWorkload(s, bounded: true)),
            new(Churn, $"table churn: new flow into a full table of {s.FlowCapacity:N0} slots (evicts)", DictionaryChurn,
                () => new ChurnWorkload(s)),
            new(Parse, "parse only: IPv4 + TCP, header checksum verified", null,
                () => new ParseWorkload(s)),
            Baseline(ChecksumScalar, $"Internet checksum, RFC 1071 scalar reference, {s.ChecksumLength} bytes",
                () => new ChecksumWorkload(s.ChecksumLength, vectorised: false)),
            new(ChecksumVector, $"Internet checksum, Vector128, {s.ChecksumLength} bytes", ChecksumScalar,
                () => new ChecksumWorkload(s.ChecksumLength, vectorised: true)),
        ];
    }

    private static WorkloadSpec Baseline(string name, string description, Func<PacketWorkload> create) =>
        new(name, description, null, create) { IsBaseline = true };
}
