using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Health.Tests;

/// <summary>A small deployment: one TCP service on a VIP with a few reals, and its settings.</summary>
internal static class TestPlans
{
    public static readonly NetAddress DirectorV4 = NetAddress.Parse("192.0.2.1");
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress Sorry = NetAddress.Parse("100.64.9.2");
    public static readonly ServiceKey Service = new(IpProtocol.Tcp, Vip, 80);

    public static NetAddress RealAddress(int i) => NetAddress.Parse($"100.64.0.{i}");

    public static BalancerDefinition Definition(int reals, IpProtocol protocol = IpProtocol.Tcp) => new(
        new TunnelSettings(DirectorV4, NetAddress.None),
        [new ServiceDefinition(protocol, Vip, 80, [.. Enumerable.Range(1, reals).Select(i => new RealDefinition(RealAddress(i), 80))])]);

    public static HealthCheckSettings Check(
        HealthCheckKind kind = HealthCheckKind.Tcp, int rise = 2, int fall = 3, double jitter = 0, FailureAction onFailure = FailureAction.Inhibit) =>
        new(kind, Rise: rise, Fall: fall, Jitter: jitter, OnFailure: onFailure)
        {
            Interval = TimeSpan.FromSeconds(5),
            Timeout = TimeSpan.FromSeconds(3),
        };

    public static Dictionary<ServiceKey, ServiceSettings> Settings(
        HealthCheckSettings check, int quorum = 1, NetAddress? sorry = null, IReadOnlyDictionary<NetAddress, HealthCheckSettings>? overrides = null) =>
        new() { [Service] = new ServiceSettings(check, quorum, sorry, overrides) };
}
