using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>`egress-check listen`: where to listen and for how long.</summary>
public sealed record ListenerOptions
{
    /// <summary>Local address for the UDP listener; <see cref="NetAddress.None"/> listens on all.</summary>
    public NetAddress Address { get; init; }

    public ushort Port { get; init; } = EgressDefaults.ProbePort;

    /// <summary>Also watch ICMP errors that quote traceroute probes from a VIP (raw ICMP sockets, root).</summary>
    public bool Icmp { get; init; }

    /// <summary>Only report probes and ICMP errors for these VIPs; empty means any.</summary>
    public IReadOnlyList<NetAddress> Vips { get; init; } = [];

    /// <summary>How long to listen; the listener always stops by then.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Duration, TimeSpan.FromMilliseconds(100), nameof(Duration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Duration, TimeSpan.FromHours(1), nameof(Duration));
    }
}
