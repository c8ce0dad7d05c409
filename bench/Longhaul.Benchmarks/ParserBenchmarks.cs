using BenchmarkDotNet.Attributes;
using Longhaul.Balancing.Benchmarking;

namespace Longhaul.Benchmarks;

/// <summary>
/// The parser on a 64-byte IPv4/TCP data packet, against a baseline that only sums the IPv4 header (the one
/// check the parser must do on every packet), to show what the rest of parsing adds.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int Batch = 4096;

    private ParseWorkload _parse = null!;
    private ChecksumWorkload _headerChecksum = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parse = new ParseWorkload(BenchSettings.Default);
        _headerChecksum = new ChecksumWorkload(20, vectorised: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int HeaderChecksumOnly() => _headerChecksum.Run(Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Parse() => _parse.Run(Batch);
}
