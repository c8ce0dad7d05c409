using CsCheck;
using System.Text.RegularExpressions;

namespace Longhaul.Hashing.Tests;

public sealed class SyntheticNamesTests
{
    [Fact]
    public void Get_SameSeed_GivesSameNames()
    {
        var a = new SyntheticNames(42);
        var b = new SyntheticNames(42);

        for (long i = 0; i < 1000; i++)
        {
            Assert.Equal(a.Get(i), b.Get(i));
        }
    }

    [Fact]
    public void Get_DifferentSeeds_GiveDifferentSequences()
    {
        var a = new SyntheticNames(1);
        var b = new SyntheticNames(2);

        int same = 0;
        for (long i = 0; i < 1000; i++)
        {
            same += a.Get(i) == b.Get(i) ? 1 : 0;
        }

        Assert.True(same < 5, $"{same} equal names");
    }

    [Fact]
    public void Get_FirstNames_AreDistinctAndDomainLike()
    {
        var names = new SyntheticNames(7);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shape = new Regex("^[a-z]{4,6}[0-9]{1,3}-[a-z]{4,6}\\.[a-z]{2,4}$");

        for (long i = 0; i < 200_000; i++)
        {
            string name = names.Get(i);
            Assert.True(seen.Add(name), $"duplicate {name} at {i}");
            Assert.Matches(shape, name);
            Assert.True(name.Length <= SyntheticNames.MaxLength);
        }
    }

    [Fact]
    public void Write_IndicesFarApart_StayDistinct()
    {
        var names = new SyntheticNames(3);
        Gen.Select(Gen.Long[0, (long)SyntheticNames.Capacity - 1], Gen.Long[0, (long)SyntheticNames.Capacity - 1])
            .Where((i, j) => i != j)
            .Sample((i, j) => Assert.NotEqual(names.Get(i), names.Get(j)), seed: "0N0XIzNsQ0O2");
    }
}
