using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>How the director probes: its own addresses (the tunnel sources), the probe port, the patience.</summary>
public sealed record TunnelProbeOptions
{
    /// <summary>The director's IPv4 tunnel source: outer source toward IPv4 reals and where IPv4 replies go.</summary>
    public NetAddress SourceV4 { get; init; }

    public NetAddress SourceV6 { get; init; }

    /// <summary>The UDP port inside the tunnel the agent recognises; must match the agents' setting.</summary>
    public ushort ProbePort { get; init; } = EgressDefaults.ProbePort;

    /// <summary>How long to wait for replies after the first probe.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Probes per target, spread over the first half of the timeout, so one lost packet is not a verdict.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Local UDP port for the replies; 0 picks a free one.</summary>
    public ushort ReplyPort { get; init; }

    public void Validate()
    {
        if (SourceV4.IsNone && SourceV6.IsNone)
        {
            throw new ArgumentException("The director needs a tunnel source address to probe from (director.tunnel-source).");
        }

        if (!SourceV4.IsNone && !SourceV4.IsIPv4)
        {
            throw new ArgumentException($"The IPv4 tunnel source {SourceV4} is not an IPv4 address.");
        }

        ArgumentOutOfRangeException.ThrowIfZero(ProbePort, nameof(ProbePort));
        ArgumentOutOfRangeException.ThrowIfLessThan(Attempts, 1, nameof(Attempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Attempts, 10, nameof(Attempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(Timeout, TimeSpan.FromMilliseconds(50), nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Timeout, TimeSpan.FromMinutes(5), nameof(Timeout));
    }
}
