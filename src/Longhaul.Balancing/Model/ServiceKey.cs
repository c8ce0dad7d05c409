using Longhaul.Packets;

namespace Longhaul.Balancing.Model;

/// <summary>What identifies a virtual service: protocol, VIP and port (0 = every port of the VIP).</summary>
public readonly record struct ServiceKey(IpProtocol Protocol, NetAddress Vip, ushort Port)
{
    public override string ToString() => Vip.IsIPv4
        ? $"{ProtocolName(Protocol)} {Vip}:{Port}"
        : $"{ProtocolName(Protocol)} [{Vip}]:{Port}";

    internal static string ProtocolName(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        _ => protocol.ToString().ToUpperInvariant(),
    };
}
