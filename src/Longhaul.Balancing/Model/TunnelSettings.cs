using Longhaul.Packets;

namespace Longhaul.Balancing.Model;

/// <summary>
/// How the director encapsulates. The outer source is always the director's own routable address (never a
/// crafted one as Katran's IPIP does: anti-spoofing ISPs would drop it); GUE carries per-flow entropy in the
/// outer UDP source port instead.
/// </summary>
/// <param name="Mtu">Largest outer packet the path to the reals carries; larger client packets with DF get ICMP frag-needed.</param>
public sealed record TunnelSettings(
    NetAddress SourceV4,
    NetAddress SourceV6,
    TunnelKind Kind = TunnelKind.Ipip,
    GueVariant GueVariant = GueVariant.V0,
    ushort GuePort = 6080,
    int Mtu = 1500,
    byte Ttl = 64);
