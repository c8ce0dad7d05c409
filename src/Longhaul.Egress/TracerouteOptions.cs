using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>`egress-check send --to CLIENT --traceroute`: the seed's `traceroute -s VIP -n CLIENT_IP`, built in.</summary>
public sealed record TracerouteOptions
{
    public required NetAddress Vip { get; init; }

    /// <summary>A third-party address outside the real's network (a client, a host you control).</summary>
    public required NetAddress Target { get; init; }

    public int MaxTtl { get; init; } = 16;

    /// <summary>Probes per TTL, like traceroute's three.</summary>
    public int Queries { get; init; } = 3;

    /// <summary>Pause between probes: routers rate-limit their ICMP errors.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(50);

    public void Validate()
    {
        if (Vip.IsIPv4 != Target.IsIPv4)
        {
            throw new ArgumentException($"--vip {Vip} and --to {Target} must be of the same address family.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTtl, 1, nameof(MaxTtl));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTtl, 64, nameof(MaxTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(Queries, 1, nameof(Queries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Queries, 5, nameof(Queries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interval, TimeSpan.FromSeconds(5), nameof(Interval));
    }
}
