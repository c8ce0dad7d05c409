using System.Net.Sockets;
using System.Security.Cryptography;
using Longhaul.Linux;

namespace Longhaul.Egress;

/// <summary>
/// Sends TTL-stepped UDP probes from the VIP toward a third party, as traceroute does (destination ports 33434 and
/// up). Their ICMP errors go to the VIP -- that is, to the director -- where <see cref="ProbeListener"/> matches
/// them. The real server hears nothing back, which is why it only sends.
/// </summary>
public static class TracerouteProbe
{
    /// <summary>Sends MaxTtl x Queries probes and returns the session port (the probes' UDP source port). Needs root.</summary>
    public static ushort Send(TracerouteOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        Privileges.RequireRoot("egress-check send --traceroute (it sends packets with the VIP as source through a raw socket)");

        using RawSocket raw = RawSocket.OpenSender(options.Vip.IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6);
        ushort session = (ushort)(32768 + RandomNumberGenerator.GetInt32(0, 16384));
        byte[] payload = new byte[32];
        "longhaul egress traceroute probe"u8.CopyTo(payload);
        byte[] packet = new byte[IpUdpPacketWriter.MaxHeaderLength + payload.Length];
        int sequence = 0;
        int failed = 0;
        for (int ttl = 1; ttl <= options.MaxTtl; ttl++)
        {
            for (int query = 0; query < options.Queries; query++, sequence++)
            {
                if (sequence > 0)
                {
                    Thread.Sleep(options.Interval);
                }

                ushort port = (ushort)(EgressDefaults.TracerouteBasePort + sequence);
                int length = IpUdpPacketWriter.Write(packet, options.Vip, session, options.Target, port, payload, (byte)ttl, IcmpQuote.Tag((byte)ttl));
                if (raw.SendTo(packet.AsSpan(0, length), options.Target) < 0)
                {
                    failed++;
                }
            }
        }

        log.WriteLine(
            $"send: {sequence - failed} traceroute probe(s) from VIP {options.Vip} to {options.Target}, TTL 1..{options.MaxTtl}, " +
            $"session port {session}{(failed > 0 ? $" ({failed} failed to send)" : "")}; the ICMP errors go to the VIP: read them on the director (`egress-check listen --icmp`)");
        return session;
    }
}
