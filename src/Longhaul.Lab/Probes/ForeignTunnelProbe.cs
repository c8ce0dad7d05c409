using Longhaul.Lab.Topology;
using Longhaul.Linux;
using Longhaul.Packets;
using System.Net.Sockets;

namespace Longhaul.Lab.Probes;

/// <summary>
/// Plays an attacker: from the client namespace, sends a tunnelled packet (IPIP or GUE, outer source = the
/// client, which is no director) straight to a real. The inner packet is a SYN to the VIP, exactly what a
/// director would send. An agent that checks outer sources drops and counts it.
/// </summary>
public static class ForeignTunnelProbe
{
    private const int Headroom = 64;

    public static void Send(LabReal real, TunnelKind kind, ushort guePort, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(real);
        NetAddress client = NetAddress.Parse(LabTopology.ClientAddressV4);
        NetAddress target = NetAddress.Parse(real.AddressV4);
        NetAddress vip = NetAddress.Parse(LabTopology.VipV4);
        using RawSocket sender = NetworkNamespace.Run(LabTopology.ClientNamespace, () => RawSocket.OpenSender(AddressFamily.InterNetwork));
        byte[] buffer = new byte[Headroom + 60];
        for (int i = 0; i < count; i++)
        {
            int length = ProbePackets.WriteTcp(buffer, Headroom, client, vip, (ushort)(41000 + i), LabTopology.ServicePort, Ipv4Header.MinLength + ProbePackets.TcpHeaderLength, syn: true);
            var parameters = new TunnelParameters(kind, client, target, GueVariant.V0, guePort, TunnelParameters.EntropyPort((uint)i));
            int start = Encapsulation.Encapsulate(buffer, Headroom, length, in parameters);
            if (start < 0)
            {
                throw new LabException("could not encapsulate the probe packet");
            }

            int sent = sender.SendTo(buffer.AsSpan(start, Headroom + length - start), target);
            if (sent < 0)
            {
                throw new LabException($"sending the tunnelled probe to {real.Id} failed: {ErrnoExtensions.FromResult(sent)}");
            }
        }
    }
}
