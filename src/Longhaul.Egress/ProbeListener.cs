using System.Net.Sockets;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// The director's side of the checks without the agent: a UDP listener for `send --vip` probes and, with
/// <see cref="ListenerOptions.Icmp"/>, raw ICMP sockets that pick out the errors quoting `send --traceroute` probes.
/// Prints each new piece of evidence as it arrives and stops after <see cref="ListenerOptions.Duration"/>.
/// </summary>
public static class ProbeListener
{
    private const int WaitSliceMs = 50;

    public static ListenerReport Run(ListenerOptions options, TextWriter live, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(live);
        options.Validate();

        var senders = new Dictionary<UInt128, ManualSenderResult>();
        var senderOrder = new List<UInt128>();
        var sessions = new Dictionary<(NetAddress, NetAddress, ushort), TracerouteSession>();
        var sessionOrder = new List<TracerouteSession>();
        var vips = new HashSet<NetAddress>(options.Vips);

        using UdpSocket udp = BindUdp(options);
        RawSocket? icmp4 = null;
        RawSocket? icmp6 = null;
        try
        {
            if (options.Icmp)
            {
                Privileges.RequireRoot("egress-check listen --icmp (raw ICMP sockets)");
                var raw = new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(WaitSliceMs) };
                icmp4 = RawSocket.OpenReceiver(AddressFamily.InterNetwork, IpProtocol.Icmp, raw);
                try
                {
                    icmp6 = RawSocket.OpenReceiver(AddressFamily.InterNetworkV6, IpProtocol.Icmpv6, raw);
                }
                catch (LinuxException e) when (e.Errno is Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT)
                {
                    live.WriteLine($"listen: no IPv6 ICMP ({e.Message}); IPv4 only");
                }
            }

            live.WriteLine(
                $"listen: UDP {(udp.LocalAddress.IsNone ? "*" : udp.LocalAddress.ToString())}:{udp.LocalPort}" +
                $"{(options.Icmp ? " and ICMP errors for traceroute probes from a VIP" : "")}, for {EgressVerdicts.Seconds(options.Duration)}");

            byte[] buffer = new byte[65535];
            DateTime deadline = DateTime.UtcNow + options.Duration;
            while (!cancellation.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                if (udp.WaitReadable(WaitSliceMs) > 0)
                {
                    int n = udp.Receive(buffer, out NetAddress source, out ushort port);
                    if (n > 0)
                    {
                        OnDatagram(buffer.AsSpan(0, n), source, port, vips, senders, senderOrder, live);
                    }
                }

                if (icmp4 is not null && icmp4.WaitReadable(icmp6 is null ? WaitSliceMs : WaitSliceMs / 2) > 0)
                {
                    int n = icmp4.Receive(buffer, out _);
                    if (n > 0 && IcmpQuote.TryMatchV4(buffer.AsSpan(0, n), out TracerouteEcho echo))
                    {
                        OnEcho(echo, vips, sessions, sessionOrder, live);
                    }
                }

                if (icmp6 is not null && icmp6.WaitReadable(WaitSliceMs / 2) > 0)
                {
                    int n = icmp6.Receive(buffer, out NetAddress responder);
                    if (n > 0 && IcmpQuote.TryMatchV6(buffer.AsSpan(0, n), responder, out TracerouteEcho echo))
                    {
                        OnEcho(echo, vips, sessions, sessionOrder, live);
                    }
                }
            }
        }
        finally
        {
            icmp4?.Dispose();
            icmp6?.Dispose();
        }

        return new ListenerReport(senderOrder.Select(t => senders[t]).ToList(), sessionOrder, options.Icmp);
    }

    private static UdpSocket BindUdp(ListenerOptions options)
    {
        var udpOptions = new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(WaitSliceMs), V6Only = false };
        if (!options.Address.IsNone)
        {
            return UdpSocket.Bind(options.Address, options.Port, udpOptions);
        }

        try
        {
            return UdpSocket.Bind(NetAddress.None, options.Port, udpOptions);
        }
        catch (LinuxException e) when (e.Errno == Errno.EAFNOSUPPORT)
        {
            return UdpSocket.Bind(NetAddress.FromV4(0), options.Port, udpOptions);
        }
    }

    private static void OnDatagram(
        ReadOnlySpan<byte> datagram,
        NetAddress source,
        ushort port,
        HashSet<NetAddress> vips,
        Dictionary<UInt128, ManualSenderResult> senders,
        List<UInt128> order,
        TextWriter live)
    {
        if (!ProbeMessage.TryParse(datagram, out ProbeMessage message)
            || message.Kind is not (ProbeKind.ManualVip or ProbeKind.ManualControl)
            || (vips.Count > 0 && !vips.Contains(message.Vip)))
        {
            return;
        }

        UInt128 token = message.Token;
        if (!senders.TryGetValue(token, out ManualSenderResult? result))
        {
            result = new ManualSenderResult(token, message.Real, message.Vip, 0, default, 0);
            order.Add(token);
        }

        if (message.Kind == ProbeKind.ManualVip)
        {
            live.WriteLine(source == message.Vip
                ? $"received from VIP {source}:{port} (real {message.Real}, probe {message.Attempt + 1}) -> the real's provider allows source = VIP"
                : $"received a probe sent from VIP {message.Vip} but arriving from {source}:{port} (real {message.Real}) -> rewritten by a NAT");
            result = result with { VipProbes = result.VipProbes + 1, VipProbeSource = result.VipProbes == 0 ? source : result.VipProbeSource };
        }
        else
        {
            live.WriteLine($"received control from {source}:{port} (real {message.Real}, VIP {message.Vip}, probe {message.Attempt + 1})");
            result = result with { Controls = result.Controls + 1 };
        }

        senders[token] = result;
    }

    private static void OnEcho(
        in TracerouteEcho echo,
        HashSet<NetAddress> vips,
        Dictionary<(NetAddress, NetAddress, ushort), TracerouteSession> sessions,
        List<TracerouteSession> order,
        TextWriter live)
    {
        if (vips.Count > 0 && !vips.Contains(echo.Vip))
        {
            return;
        }

        var key = (echo.Vip, echo.Target, echo.SessionPort);
        if (!sessions.TryGetValue(key, out TracerouteSession? session))
        {
            session = new TracerouteSession(echo.Vip, echo.Target, echo.SessionPort);
            sessions[key] = session;
            order.Add(session);
        }

        if (!session.Add(echo))
        {
            return;
        }

        string what = echo.Kind switch
        {
            IcmpEchoKind.TimeExceeded => "time exceeded",
            IcmpEchoKind.PortUnreachable => "port unreachable",
            _ => $"unreachable (code {echo.Code})",
        };
        live.WriteLine(
            $"hop {echo.Hop} answered: {echo.Responder} sent {what} for a probe from VIP {echo.Vip} to {echo.Target}:{echo.DestinationPort} " +
            $"-> packets from the VIP pass at least {echo.Hop} hop(s)");
    }
}
