using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>A real server as the data path needs it: everything precomputed, nothing to look up per packet.</summary>
public sealed class CompiledReal
{
    internal CompiledReal(int realId, int serviceId, RealDefinition definition, TunnelKind tunnelKind, NetAddress outerSource)
    {
        RealId = realId;
        ServiceId = serviceId;
        Definition = definition;
        TunnelKind = tunnelKind;
        OuterSource = outerSource;
    }

    /// <summary>Stable across snapshots for the same (service, address, port), so flows and counters follow it.</summary>
    public int RealId { get; }

    public int ServiceId { get; }

    public RealDefinition Definition { get; }

    public NetAddress Address => Definition.Address;

    public TunnelKind TunnelKind { get; }

    /// <summary>The director address of the real's family that encapsulated packets leave from.</summary>
    public NetAddress OuterSource { get; }

    /// <summary>May take new flows: active with a weight above 0.</summary>
    public bool AcceptsNewFlows => Definition.State == RealState.Active && Definition.Weight > 0;

    /// <summary>Keeps its established flows: anything but down (draining keeps them, as IPVS weight 0 does).</summary>
    public bool KeepsFlows => Definition.State != RealState.Down;
}
