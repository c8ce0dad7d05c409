using BenchmarkDotNet.Running;

namespace Longhaul.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Longhaul.Benchmarks -- --filter '*Pipeline*' --job short</c>;
/// any BenchmarkDotNet switch works (<c>--list flat</c>, <c>--filter '*Checksum*'</c>, <c>--job medium</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
