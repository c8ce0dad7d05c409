using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>One real server and one VIP it serves: the pair a provider's filter judges (source = VIP, from the real's port).</summary>
public sealed record EgressTarget(
    NetAddress Real,
    NetAddress Vip,
    string DataCenter,
    TunnelKind Tunnel = TunnelKind.Ipip,
    GueVariant GueVariant = GueVariant.V0,
    ushort GuePort = TunnelParameters.DefaultGuePort)
{
    public override string ToString() => $"{Real} (VIP {Vip}{(DataCenter.Length > 0 ? $", {DataCenter}" : "")})";
}
