using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Tests.Forwarding;

public sealed class FlowHasherTests
{
    [Fact]
    public void Hash_InPlaceAndPortableEncodings_AgreeOnRandomKeys()
    {
        var random = new Random(11);
        for (int i = 0; i < 10_000; i++)
        {
            var key = new FlowKey(
                NetAddress.FromParts((ulong)random.NextInt64(), (ulong)random.NextInt64()),
                i % 2 == 0 ? NetAddress.FromV4((uint)random.Next()) : NetAddress.FromParts((ulong)random.NextInt64(), (ulong)random.NextInt64()),
                (ushort)random.Next(65536),
                (ushort)random.Next(65536),
                (IpProtocol)random.Next(256));
            ulong seed = (ulong)random.NextInt64();

            Assert.Equal(FlowHasher.HashPortable(key, seed), FlowHasher.Hash(key, seed));
        }
    }

    [Fact]
    public void Hash_KnownKey_IsStableAcrossReleases()
    {
        // Directors of different versions must agree: this value may only change with a documented migration.
        var key = new FlowKey(NetAddress.Parse("198.51.100.7"), NetAddress.Parse("203.0.113.10"), 40000, 80, IpProtocol.Tcp);

        Assert.Equal(0x264957a6b16834d1UL, FlowHasher.Hash(key, 2006));
        Assert.NotEqual(FlowHasher.Hash(key, 2006), FlowHasher.Hash(key, 2007));
    }
}
