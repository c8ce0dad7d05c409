using CsCheck;

namespace Longhaul.Hashing.Tests;

public sealed class KeyRunMergerTests
{
    [Fact]
    public void Complete_ManyRuns_YieldsAllKeysInOrder()
    {
        // More keys than the first few runs hold, so the merge really has several runs to interleave.
        Gen.Select(Gen.ULong[0, 50], Gen.ULong).Array[0, 40_000].Sample(pairs =>
        {
            var runs = new SortedKeyRuns();
            var expected = new UInt128[pairs.Length];
            for (int i = 0; i < pairs.Length; i++)
            {
                expected[i] = new UInt128(pairs[i].Item1, pairs[i].Item2);
                runs.Add(expected[i]);
            }

            Array.Sort(expected);
            KeyRunMerger merger = runs.Complete();
            var actual = new List<UInt128>();
            while (merger.TryNext(out UInt128 key))
            {
                actual.Add(key);
            }

            Assert.Equal(expected, actual);
            Assert.Equal(pairs.Length, runs.Count);
        }, iter: 20, seed: "0N0XIzNsQ0O2");
    }
}
