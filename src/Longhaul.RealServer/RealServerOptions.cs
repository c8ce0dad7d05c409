using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>What `longhaul realserver run` was asked to do.</summary>
public sealed record RealServerOptions
{
    public const ushort DefaultGuePort = TunnelParameters.DefaultGuePort;
    public const string DefaultTunName = "lhr0";

    public required IReadOnlyList<NetAddress> Vips { get; init; }

    /// <summary>Outer sources accepted; everything else is dropped and counted as not-allowed-source.</summary>
    public required IReadOnlyList<AddressPrefix> AllowedDirectors { get; init; }

    /// <summary>UDP port for GUE; 0 turns GUE off (no UDP socket).</summary>
    public ushort GuePort { get; init; } = DefaultGuePort;

    public string TunName { get; init; } = DefaultTunName;

    public string? StatsFile { get; init; }

    /// <summary>
    /// UDP port of the director's egress probes inside the tunnel (`longhaul egress-check`); 0 turns answering off.
    /// Only datagrams with the probe magic from an allowed director are taken; other traffic on the port is untouched.
    /// </summary>
    public ushort EgressProbePort { get; init; } = Longhaul.Egress.EgressDefaults.ProbePort;

    /// <summary>Egress probe replies per second at most (two per probe).</summary>
    public int EgressRepliesPerSecond { get; init; } = Longhaul.Egress.EgressDefaults.RepliesPerSecond;

    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    public MssClamp MssClamp { get; init; } = MssClamp.Auto;

    /// <summary>Path MTU between the directors and this real server, for the automatic advmss.</summary>
    public int TunnelMtu { get; init; } = 1500;

    /// <summary>Datagrams per recvmmsg.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Receive slot size. Raw sockets hand over reassembled packets, so a slot holds the largest IP packet;
    /// anything cut short is dropped and counted as oversize.
    /// </summary>
    public int ReceiveBufferSize { get; init; } = 65535;

    /// <summary>How long a receive waits before the thread checks for shutdown.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    public void Validate()
    {
        if (Vips.Count == 0)
        {
            throw new ArgumentException("At least one --vip is needed: the agent only delivers packets for its VIPs.");
        }

        if (AllowedDirectors.Count == 0)
        {
            throw new ArgumentException("At least one --allow is needed: an open decapsulator lets anyone inject packets as if from inside.");
        }

        foreach (NetAddress vip in Vips)
        {
            if (vip.IsNone)
            {
                throw new ArgumentException("The unspecified address is not a VIP.");
            }
        }

        Linux.NetworkLink.ValidateName(TunName);
        ArgumentOutOfRangeException.ThrowIfLessThan(TunnelMtu, 576, nameof(TunnelMtu));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(EgressRepliesPerSecond, 2, nameof(EgressRepliesPerSecond));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, Linux.PacketBatch.MaxCapacity, nameof(BatchSize));
    }
}
