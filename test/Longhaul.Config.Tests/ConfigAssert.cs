using Longhaul.Balancing.Model;

namespace Longhaul.Config.Tests;

/// <summary>Structural equality of two configurations (records hold lists, which compare by reference).</summary>
internal static class ConfigAssert
{
    public static void Equivalent(DirectorConfig expected, DirectorConfig actual)
    {
        Assert.Equal(expected.Director, actual.Director);
        Assert.Equal(expected.Balancer.Tunnel, actual.Balancer.Tunnel);
        Assert.Equal(expected.Balancer.HashSeed, actual.Balancer.HashSeed);
        Assert.Equal(expected.Balancer.Services.Count, actual.Balancer.Services.Count);
        for (int s = 0; s < expected.Balancer.Services.Count; s++)
        {
            ServiceDefinition e = expected.Balancer.Services[s];
            ServiceDefinition a = actual.Balancer.Services[s];
            Assert.Equal(e with { Reals = Array.Empty<RealDefinition>() }, a with { Reals = Array.Empty<RealDefinition>() });
            Assert.Equal(e.Reals, a.Reals);
            ServiceSettings es = expected.SettingsFor(e.Key);
            ServiceSettings @as = actual.SettingsFor(a.Key);
            Assert.Equal(es with { RealHealthChecks = null }, @as with { RealHealthChecks = null });
            Assert.Equal(
                (es.RealHealthChecks ?? new Dictionary<Packets.NetAddress, HealthCheckSettings>()).OrderBy(p => p.Key),
                (@as.RealHealthChecks ?? new Dictionary<Packets.NetAddress, HealthCheckSettings>()).OrderBy(p => p.Key));
        }
    }
}
