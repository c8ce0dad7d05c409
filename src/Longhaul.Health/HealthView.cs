using System.Collections.Frozen;
using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>
/// An immutable picture of every checked real and every service below quorum, published by the monitor after
/// each change (one volatile reference), read without locks by the director, <c>ctl list</c> and metrics.
/// </summary>
public sealed class HealthView
{
    internal HealthView(
        FrozenDictionary<(ServiceKey, NetAddress), RealHealth> reals, FrozenSet<ServiceKey> belowQuorum, bool? dataPathHealthy)
    {
        Reals = reals;
        BelowQuorum = belowQuorum;
        DataPathHealthy = dataPathHealthy;
    }

    public static HealthView Empty { get; } = new(
        FrozenDictionary<(ServiceKey, NetAddress), RealHealth>.Empty, FrozenSet<ServiceKey>.Empty, null);

    /// <summary>Checked reals only; a real without a check is healthy by definition.</summary>
    public IReadOnlyDictionary<(ServiceKey Service, NetAddress Real), RealHealth> Reals { get; }

    public IReadOnlySet<ServiceKey> BelowQuorum { get; }

    /// <summary>
    /// This director's own data path, for the several-directors logic: true when the last tunnel check of at least
    /// one real passed (packets went in through the TUN, out through the tunnel, and the VIP's answer came back);
    /// false when tunnel checks ran and every last one failed; null with no tunnel checks or none finished yet.
    /// </summary>
    public bool? DataPathHealthy { get; }

    public bool IsHealthy(ServiceKey service, NetAddress real) =>
        !Reals.TryGetValue((service, real), out RealHealth? health) || health.Status == HealthStatus.Up;

    public bool IsBelowQuorum(ServiceKey service) => BelowQuorum.Contains(service);

    public RealHealth? Find(ServiceKey service, NetAddress real) =>
        Reals.TryGetValue((service, real), out RealHealth? health) ? health : null;
}
