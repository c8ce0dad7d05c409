using CsCheck;

namespace Longhaul.Packets.Tests;

/// <summary>
/// Runs a CsCheck generator from a fixed seed for a fixed number of cases, so every run (and CI) checks the same
/// inputs; a failure names the case index and seed to replay.
/// </summary>
internal static class Deterministic
{
    public static void ForEach<T>(Gen<T> gen, int count, ulong seed, Action<T> check)
    {
        var pcg = new PCG(1, seed);
        for (int i = 0; i < count; i++)
        {
            T value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Case {i} of seed {seed} failed: {Describe(value)}", ex);
            }
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value?.ToString() ?? "null",
    };
}
