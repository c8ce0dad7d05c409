using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>`egress-check send --vip VIP --to ADDRESS`: what a real server without the agent sends to the listener.</summary>
public sealed record ManualProbeOptions
{
    public required NetAddress Vip { get; init; }

    /// <summary>Where the listener runs (the director's own address, never the VIP).</summary>
    public required NetAddress To { get; init; }

    public ushort Port { get; init; } = EgressDefaults.ProbePort;

    /// <summary>Pairs sent (VIP probe + control each), so a single loss is not mistaken for a filter.</summary>
    public int Count { get; init; } = 3;

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(200);

    public void Validate()
    {
        if (Vip.IsIPv4 != To.IsIPv4)
        {
            throw new ArgumentException($"--vip {Vip} and --to {To} must be of the same address family.");
        }

        if (Vip == To)
        {
            throw new ArgumentException("--to must be the listener's own address, not the VIP: packets to the VIP go into the tunnel, not to the listener.");
        }

        ArgumentOutOfRangeException.ThrowIfZero(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, 100, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interval, TimeSpan.FromSeconds(10), nameof(Interval));
    }
}
