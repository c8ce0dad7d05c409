using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// Sends VIP-sourced probes from a real server to the listener, each paired with an unspoofed control from the
/// real's own address (as CAIDA Spoofer pairs its probes): the listener can then tell "the provider drops source =
/// VIP" (control only) from "nothing gets through" (neither).
/// </summary>
public static class ManualProbe
{
    /// <summary>Sends the pairs; returns the token they carry and the real's own address the controls left from. Needs root.</summary>
    public static (UInt128 Token, NetAddress Real) Send(ManualProbeOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        Privileges.RequireRoot("egress-check send (it sends packets with the VIP as source through a raw socket)");

        AddressFamily family = options.To.IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        using var control = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        control.Connect(new IPEndPoint(options.To.ToIPAddress(), options.Port));
        NetAddress real = NetAddress.FromIPAddress(((IPEndPoint)control.LocalEndPoint!).Address);
        using RawSocket raw = RawSocket.OpenSender(family);

        Span<byte> tokenBytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(tokenBytes);
        UInt128 token = BinaryPrimitives.ReadUInt128BigEndian(tokenBytes);
        ushort sourcePort = (ushort)(49152 + (ushort)(token & 0x3FFF));
        byte[] message = new byte[ProbeMessage.Length];
        byte[] packet = new byte[IpUdpPacketWriter.MaxHeaderLength + ProbeMessage.Length];
        for (int i = 0; i < options.Count; i++)
        {
            if (i > 0)
            {
                Thread.Sleep(options.Interval);
            }

            ProbeMessage.Write(message, ProbeKind.ManualVip, (byte)i, token, real, options.Vip);
            int length = IpUdpPacketWriter.Write(packet, options.Vip, sourcePort, options.To, options.Port, message);
            int sent = raw.SendTo(packet.AsSpan(0, length), options.To);
            if (sent < 0)
            {
                log.WriteLine($"send: probe from VIP {options.Vip} failed: {ErrnoExtensions.FromResult(sent)}");
            }

            ProbeMessage.Write(message, ProbeKind.ManualControl, (byte)i, token, real, options.Vip);
            control.Send(message);
        }

        log.WriteLine(
            $"send: {options.Count} probe(s) from VIP {options.Vip} and {options.Count} control(s) from {real} to {options.To}:{options.Port} " +
            $"(token {token:x32}); read the verdict on the listener");
        return (token, real);
    }
}
