using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Balancing.Simulation;

/// <summary>
/// The deployment from the operator's notes that Longhaul is built for: 12 real servers in 5 data centers
/// across the US and Europe behind one VIP, with addresses from the documentation ranges the lab uses.
/// </summary>
public static class SeedDeployment
{
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress DirectorAddress = NetAddress.Parse("192.0.2.2");

    /// <summary>Data centers and how many reals each has (3+3+2+2+2 = 12).</summary>
    public static IReadOnlyList<(string Name, int Reals)> DataCenters { get; } =
    [
        ("us-east", 3),
        ("us-west", 3),
        ("us-central", 2),
        ("eu-west", 2),
        ("eu-central", 2),
    ];

    public static IReadOnlyList<RealDefinition> Reals()
    {
        var reals = new List<RealDefinition>();
        for (int dc = 0; dc < DataCenters.Count; dc++)
        {
            for (int r = 0; r < DataCenters[dc].Reals; r++)
            {
                reals.Add(new RealDefinition(NetAddress.Parse($"100.64.{dc + 1}.{r + 2}"), 80, Weight: 100, DataCenter: DataCenters[dc].Name));
            }
        }

        return reals;
    }

    public static BalancerDefinition Definition(
        IReadOnlyList<RealDefinition>? reals = null,
        SchedulerKind scheduler = SchedulerKind.Maglev,
        ulong seed = 2006) =>
        new(
            new TunnelSettings(DirectorAddress, NetAddress.None),
            [new ServiceDefinition(IpProtocol.Tcp, Vip, 80, reals ?? Reals(), scheduler)],
            seed);
}
