using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Longhaul.Balancing.Benchmarking;

namespace Longhaul.Benchmarks;

/// <summary>
/// The forwarding pipeline per packet on the seed's deployment (12 reals, 5 DCs, Maglev M = 65537), each case
/// next to a naive <see cref="Dictionary{TKey, TValue}"/> flow table doing the same parse, lookup and
/// encapsulation (the category's baseline, so BDN's Ratio column compares within a category).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineBenchmarks
{
    private const int Batch = 4096;

    private readonly BenchSettings _settings = BenchSettings.Default;
    private PacketWorkload _established = null!;
    private PacketWorkload _dictionaryEstablished = null!;
    private PacketWorkload _establishedMany = null!;
    private PacketWorkload _dictionaryEstablishedMany = null!;
    private PacketWorkload _newFlow = null!;
    private PacketWorkload _dictionaryNewFlow = null!;
    private PacketWorkload _churn = null!;
    private PacketWorkload _dictionaryChurn = null!;

    [GlobalSetup(Targets = [nameof(Established), nameof(DictionaryEstablished)])]
    public void SetupEstablished()
    {
        _established = new EstablishedFlowWorkload(_settings, 1);
        _dictionaryEstablished = new DictionaryEstablishedWorkload(_settings, 1);
    }

    [GlobalSetup(Targets = [nameof(EstablishedManyFlows), nameof(DictionaryEstablishedManyFlows)])]
    public void SetupEstablishedMany()
    {
        _establishedMany = new EstablishedFlowWorkload(_settings, _settings.ManyFlows);
        _dictionaryEstablishedMany = new DictionaryEstablishedWorkload(_settings, _settings.ManyFlows);
    }

    [GlobalSetup(Targets = [nameof(NewFlow), nameof(DictionaryNewFlow)])]
    public void SetupNewFlow()
    {
        _newFlow = new NewFlowWorkload(_settings);
        _dictionaryNewFlow = new DictionaryNewFlowWorkload(_settings, bounded: false);
    }

    [GlobalSetup(Targets = [nameof(Churn), nameof(DictionaryChurn)])]
    public void SetupChurn()
    {
        _churn = new ChurnWorkload(_settings);
        _dictionaryChurn = new DictionaryNewFlowWorkload(_settings, bounded: true);
    }

    [BenchmarkCategory("Established"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DictionaryEstablished() => _dictionaryEstablished.Run(Batch);

    [BenchmarkCategory("Established"), Benchmark(OperationsPerInvoke = Batch)]
    public int Established() => _established.Run(Batch);

    [BenchmarkCategory("EstablishedMany"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DictionaryEstablishedManyFlows() => _dictionaryEstablishedMany.Run(Batch);

    [BenchmarkCategory("EstablishedMany"), Benchmark(OperationsPerInvoke = Batch)]
    public int EstablishedManyFlows() => _establishedMany.Run(Batch);

    [BenchmarkCategory("NewFlow"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DictionaryNewFlow() => _dictionaryNewFlow.Run(Batch);

    [BenchmarkCategory("NewFlow"), Benchmark(OperationsPerInvoke = Batch)]
    public int NewFlow() => _newFlow.Run(Batch);

    [BenchmarkCategory("Churn"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DictionaryChurn() => _dictionaryChurn.Run(Batch);

    [BenchmarkCategory("Churn"), Benchmark(OperationsPerInvoke = Batch)]
    public int Churn() => _churn.Run(Batch);
}
