using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Longhaul.Lab.Topology;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Lab.Probes;

/// <summary>
/// Sends one full-size (1500-byte) TCP packet with DF from the client to the VIP and waits for the director's
/// ICMP "fragmentation needed" (IPv4) or "packet too big" (IPv6). The raw sockets are opened inside
/// lh-client, so the client's own stack is what receives the answer.
/// </summary>
public static class TooBigProbe
{
    public const int PacketSize = 1500;

    /// <returns>The MTU the ICMP error told the client to use, or null when none came within <paramref name="timeout"/>.</returns>
    public static int? Run(bool ipv6, TimeSpan timeout)
    {
        AddressFamily family = ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        NetAddress client = NetAddress.Parse(ipv6 ? LabTopology.ClientAddressV6 : LabTopology.ClientAddressV4);
        NetAddress vip = NetAddress.Parse(ipv6 ? LabTopology.VipV6 : LabTopology.VipV4);
        (RawSocket sender, RawSocket receiver) = NetworkNamespace.Run(LabTopology.ClientNamespace, () =>
            (RawSocket.OpenSender(family), RawSocket.OpenReceiver(family, ipv6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp)));
        using (sender)
        using (receiver)
        {
            byte[] packet = new byte[PacketSize];
            const ushort SourcePort = 40999;
            ProbePackets.WriteTcp(packet, 0, client, vip, SourcePort, LabTopology.ServicePort, PacketSize, syn: false);
            int sent = sender.SendTo(packet, vip);
            if (sent < 0)
            {
                throw new LabException($"sending the {PacketSize}-byte probe from the client failed: {ErrnoExtensions.FromResult(sent)}");
            }

            byte[] buffer = new byte[2048];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                int n = receiver.Receive(buffer, out NetAddress from);
                if (n <= 0 || from != vip)
                {
                    continue;
                }

                // IPv4 raw sockets deliver the IP header too; IPv6 ones start at the ICMPv6 header.
                Span<byte> icmp = ipv6 ? buffer.AsSpan(0, n) : buffer.AsSpan((buffer[0] & 0x0F) * 4, n - ((buffer[0] & 0x0F) * 4));
                if (icmp.Length < 8)
                {
                    continue;
                }

                if (!ipv6 && icmp[0] == 3 && icmp[1] == 4)
                {
                    return BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]);
                }

                if (ipv6 && icmp[0] == 2 && icmp[1] == 0)
                {
                    return (int)BinaryPrimitives.ReadUInt32BigEndian(icmp[4..]);
                }
            }

            return null;
        }
    }
}
