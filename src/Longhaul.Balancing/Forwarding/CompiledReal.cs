using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>A real server as the data path needs it: everything precomputed, nothing to look up per packet.</summary>
public sealed class CompiledReal
{
    private readonly TunnelParameters _tunnel;

    internal CompiledReal(int realId, int serviceId, RealDefinition definition, TunnelKind tunnelKind, NetAddress outerSource, TunnelSettings tunnel)
    {
        RealId = realId;
        ServiceId = serviceId;
        Definition = definition;
        Address = definition.Address;
        AcceptsNewFlows = definition.State == RealState.Active && definition.Weight > 0;
        KeepsFlows = definition.State != RealState.Down;
        _tunnel = new TunnelParameters(tunnelKind, outerSource, definition.Address, tunnel.GueVariant, tunnel.GuePort, sourcePort: 0, tunnel.Ttl);
        TunnelOverhead = Packets.TunnelOverhead.For(tunnelKind, tunnel.GueVariant, outerIsV6: !definition.Address.IsIPv4, innerIsV6: false);
    }

    /// <summary>Stable across snapshots for the same (service, address, port), so flows and counters follow it.</summary>
    public int RealId { get; }

    public int ServiceId { get; }

    public RealDefinition Definition { get; }

    public NetAddress Address { get; }

    public TunnelKind TunnelKind => _tunnel.Kind;

    /// <summary>The director address of the real's family that encapsulated packets leave from.</summary>
    public NetAddress OuterSource => _tunnel.OuterSource;

    /// <summary>The outer headers toward this real, all but the per-flow GUE source port.</summary>
    public ref readonly TunnelParameters Tunnel => ref _tunnel;

    /// <summary>Bytes the tunnel adds in front of a client packet.</summary>
    public int TunnelOverhead { get; }

    /// <summary>May take new flows: active with a weight above 0.</summary>
    public bool AcceptsNewFlows { get; }

    /// <summary>Keeps its established flows: anything but down (draining keeps them, as IPVS weight 0 does).</summary>
    public bool KeepsFlows { get; }
}
