using Longhaul.Packets;

namespace Longhaul.Balancing.Model;

/// <summary>A real server of a virtual service as the operator describes it.</summary>
/// <param name="Port">The service port on the real; with LVS-Tun the packet is not rewritten, so this is informational and must match the VIP port (or 0).</param>
/// <param name="Weight">0..65535; 0 means "no new flows" exactly as in IPVS.</param>
/// <param name="DataCenter">A free-form label shown in listings and used to group reports.</param>
/// <param name="Tunnel">Per-real encapsulation override; null uses the director's default.</param>
public sealed record RealDefinition(
    NetAddress Address,
    ushort Port = 0,
    int Weight = 1,
    RealState State = RealState.Active,
    string DataCenter = "",
    TunnelKind? Tunnel = null);
