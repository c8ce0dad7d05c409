using CsCheck;
using Longhaul.Packets;

namespace Longhaul.RealServer.Tests;

public sealed class AddressPrefixTests
{
    private static NetAddress A(string text) => NetAddress.Parse(text);

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0", true)]
    [InlineData("192.0.2.0/24", "192.0.2.255", true)]
    [InlineData("192.0.2.0/24", "192.0.3.0", false)]
    [InlineData("192.0.2.7/24", "192.0.2.200", true)] // host bits in the written prefix are ignored
    [InlineData("192.0.2.1", "192.0.2.1", true)]      // bare = /32
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("192.0.2.1/32", "192.0.2.1", true)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]   // an IPv4 prefix never matches IPv6
    [InlineData("2001:db8:d::/64", "2001:db8:d::2", true)]
    [InlineData("2001:db8:d::/64", "2001:db8:d:1::2", false)]
    [InlineData("2001:db8:d::2", "2001:db8:d::2", true)] // bare = /128
    [InlineData("2001:db8:d::2", "2001:db8:d::3", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "192.0.2.1", false)]          // ::/0 does not open the agent to IPv4
    [InlineData("::ffff:192.0.2.0/120", "192.0.2.77", true)] // mapped form counts IPv6 bits
    [InlineData("::ffff:192.0.2.0/120", "192.0.3.77", false)]
    [InlineData("192.0.2.0/24", "::ffff:192.0.2.5", true)]   // mapped source is the IPv4 address
    [InlineData("0.0.0.0/0", "::c000:205", false)]           // IPv4-compatible (not mapped) is IPv6
    public void Contains_Cases_MatchCidrSemantics(string prefix, string address, bool expected)
    {
        Assert.Equal(expected, AddressPrefix.Parse(prefix).Contains(A(address)));
    }

    [Theory]
    [InlineData("192.0.2.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("::ffff:192.0.2.0/95")]
    [InlineData("192.0.2.0/")]
    [InlineData("192.0.2.0/-1")]
    [InlineData("192.0.2.0/ 24")]
    [InlineData("director")]
    [InlineData("")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(AddressPrefix.TryParse(text, out _));
    }

    [Fact]
    public void Parse_MappedPrefix_EqualsIpv4Prefix()
    {
        AddressPrefix mapped = AddressPrefix.Parse("::ffff:192.0.2.0/120");
        Assert.Equal(AddressPrefix.Parse("192.0.2.0/24"), mapped);
        Assert.True(mapped.IsIPv4);
        Assert.Equal(24, mapped.PrefixLength);
        Assert.Equal("192.0.2.0/24", mapped.ToString());
    }

    [Fact]
    public void Contains_RandomIpv4_AgreesWithMaskReference()
    {
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Int[0, 32]).Sample(
            (network, address, length) =>
            {
                var prefix = new AddressPrefix(NetAddress.FromV4(network), length);
                NetAddress candidate = NetAddress.FromV4(address);
                bool reference = candidate.Mask(length) == NetAddress.FromV4(network).Mask(length);
                return prefix.Contains(candidate) == reference;
            },
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Contains_RandomIpv6_AgreesWithMaskReference()
    {
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.Int[0, 128]).Sample(
            (high, low, flip, length) =>
            {
                // Keep clear of the mapped range so both values are real IPv6 addresses.
                NetAddress network = NetAddress.FromParts(high | 0x2000_0000_0000_0000UL, low);
                NetAddress candidate = NetAddress.FromParts(network.High ^ (flip & 0x0000_0000_FFFF_FFFFUL), network.Low ^ flip);
                bool reference = candidate.Mask(length) == network.Mask(length);
                return new AddressPrefix(network, length).Contains(candidate) == reference;
            },
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void List_Contains_AnyPrefixMatches()
    {
        AddressPrefixList list = AddressPrefixList.Parse(["192.0.2.2", "2001:db8:d::/64"]);
        Assert.True(list.Contains(A("192.0.2.2")));
        Assert.True(list.Contains(A("2001:db8:d::9")));
        Assert.False(list.Contains(A("192.0.2.3")));
        Assert.False(list.Contains(A("2001:db8:e::9")));
        Assert.True(list.HasIPv6);
    }

    [Fact]
    public void List_Contains_DoesNotAllocate()
    {
        AddressPrefixList list = AddressPrefixList.Parse(["192.0.2.0/24", "2001:db8:d::/64", "198.51.100.7"]);
        NetAddress hit = A("2001:db8:d::9");
        NetAddress miss = A("203.0.113.1");
        int found = 0;
        for (int i = 0; i < 100; i++)
        {
            found += list.Contains(hit) ? 1 : 0;
            found += list.Contains(miss) ? 1 : 0;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            found += list.Contains(hit) ? 1 : 0;
            found += list.Contains(miss) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_100, found);
    }
}
