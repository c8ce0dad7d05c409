using BenchmarkDotNet.Attributes;
using Longhaul.Balancing.Benchmarking;

namespace Longhaul.Benchmarks;

/// <summary>
/// Internet checksum per buffer: the RFC 1071 scalar reference (baseline) against the Vector128 path, from an
/// IPv4 header (20) and a minimum frame (64) to the classic 576 and a full 1500-byte MTU.
/// </summary>
[MemoryDiagnoser]
public class ChecksumBenchmarks
{
    private const int Batch = 256;

    private ChecksumWorkload _scalar = null!;
    private ChecksumWorkload _vectorised = null!;

    [Params(20, 64, 576, 1500)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scalar = new ChecksumWorkload(Length, vectorised: false);
        _vectorised = new ChecksumWorkload(Length, vectorised: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int Scalar() => _scalar.Run(Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Vectorised() => _vectorised.Run(Batch);
}
