using System.Net.Sockets;
using Longhaul.Linux;
using Longhaul.Packets;
using Longhaul.RealServer.Egress;

namespace Longhaul.RealServer;

/// <summary>
/// The real-server decapsulation agent: prepares the host (VIPs on lo, TUN device, sysctls, advmss), runs one
/// receive thread per tunnel socket, writes the stats file, and puts the host back as it was on <see cref="Stop"/>.
/// </summary>
/// <remarks>
/// Host changes act in the network namespace of the calling thread: call <see cref="Start"/> and
/// <see cref="Stop"/> (or Dispose) on a thread in the namespace the agent serves. The receive threads only use
/// file descriptors, which keep their namespace, so they may run anywhere.
/// </remarks>
public sealed class RealServerAgent : IDisposable
{
    private const int SocketReceiveBuffer = 4 << 20;

    private readonly RealServerOptions _options;
    private readonly TextWriter _log;
    private readonly HostChanges _changes;
    private readonly List<DecapsulationReceiver> _receivers = [];
    private readonly CancellationTokenSource _stop = new();
    private Thread? _statsThread;
    private bool _stopped;

    private RealServerAgent(RealServerOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
        _changes = new HostChanges(log);
        Filter = new DecapsulationFilter(new AddressPrefixList(options.AllowedDirectors), new VipSet(options.Vips));
    }

    public DecapsulationFilter Filter { get; }

    public IReadOnlyList<DecapsulationReceiver> Receivers => _receivers;

    /// <summary>The TUN device the inner packets are written to (the kernel's name for it).</summary>
    public string TunName { get; private set; } = "";

    /// <summary>Answers the director's egress probes; null when <see cref="RealServerOptions.EgressProbePort"/> is 0.</summary>
    public EgressResponder? Egress { get; private set; }

    /// <summary>The advmss set on the default routes (IPv4, IPv6), or null when clamping is off.</summary>
    public (int V4, int V6)? Advmss { get; private set; }

    /// <summary>Sets up the host and starts receiving. Needs root. On failure, whatever was done is undone.</summary>
    public static RealServerAgent Start(RealServerOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        Privileges.RequireRoot("the real-server agent (it puts VIPs on lo, creates a TUN device, opens raw sockets and changes sysctls and routes)");

        var agent = new RealServerAgent(options, log);
        try
        {
            agent.SetUp();
            return agent;
        }
        catch
        {
            agent.Stop();
            throw;
        }
    }

    /// <summary>Starts, runs until <paramref name="cancellation"/> fires (e.g. SIGTERM), then stops and undoes everything.</summary>
    public static void Run(RealServerOptions options, TextWriter log, CancellationToken cancellation)
    {
        using RealServerAgent agent = Start(options, log);
        log.WriteLine($"realserver: running ({agent.Receivers.Count} receivers, TUN {agent.TunName}); stop with SIGTERM or Ctrl+C");
        cancellation.WaitHandle.WaitOne();
        log.WriteLine("realserver: stopping");
    }

    public AgentStats Snapshot() => AgentStats.Aggregate(_receivers.Select(r => r.Counters), DateTimeOffset.UtcNow);

    /// <summary>Stops the receivers, writes the final stats and undoes every host change (in this thread's namespace).</summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _stop.Cancel();
        TimeSpan grace = _options.ReceiveTimeout + TimeSpan.FromSeconds(2);
        foreach (DecapsulationReceiver receiver in _receivers)
        {
            if (!receiver.Join(grace))
            {
                _log.WriteLine($"realserver: receiver {receiver.Name} did not stop within {grace.TotalSeconds:0.#} s");
            }
        }

        _statsThread?.Join(grace);
        WriteStats();
        foreach (DecapsulationReceiver receiver in _receivers)
        {
            receiver.Dispose();
        }

        _changes.UndoAll();
        _stop.Dispose();
    }

    public void Dispose() => Stop();

    private void SetUp()
    {
        IpCommand ip = IpCommand.Current;
        AddVips(ip);

        // The decapsulated packet (client -> VIP) enters through the TUN device, but the route back to the client
        // is the default route via the uplink: strict reverse-path filtering (1) would drop every packet. The
        // kernel uses max(conf.all, conf.<dev>), so both must allow it. accept_local is not needed: the inner
        // source is the client, never one of our own addresses.
        ChangeSysctl("net.ipv4.conf.all.rp_filter", "0");

        // With the VIP on lo, a host on the same LAN segment as a router for the VIP must not have its ARP
        // requests for the VIP answered (1), nor see the VIP as source of our ARP requests (2).
        ChangeSysctl("net.ipv4.conf.all.arp_ignore", "1");
        ChangeSysctl("net.ipv4.conf.all.arp_announce", "2");

        var tun = TunDevice.Open(_options.TunName, new TunOptions { BringUp = true });
        TunName = tun.Name;
        _changes.Add($"created TUN device {tun.Name}", tun.Dispose);
        ChangeSysctl($"net.ipv4.conf.{tun.Name.Replace('.', '/')}.rp_filter", "0");

        SetAdvmss(ip);
        IInnerPacketSink sink = new TunSink(tun);
        if (_options.EgressProbePort != 0)
        {
            EgressResponder responder = EgressResponder.Open(_options.EgressProbePort, Filter.AllowedDirectors, _options.EgressRepliesPerSecond);
            _changes.Add("opened the egress probe responder", responder.Dispose);
            Egress = responder;
            sink = new EgressProbeSink(sink, responder);
            _log.WriteLine($"realserver: answering egress probes on UDP {_options.EgressProbePort} to a VIP, from allowed directors only");
        }

        OpenReceivers(sink);

        foreach (DecapsulationReceiver receiver in _receivers)
        {
            receiver.Start(_stop.Token);
        }

        if (_options.StatsFile is not null)
        {
            WriteStats();
            _statsThread = new Thread(StatsLoop) { IsBackground = true, Name = "lh-rs stats" };
            _statsThread.Start();
        }
    }

    private void AddVips(IpCommand ip)
    {
        var present = LocalAddresses.List(ip, "lo").Select(a => a.Address).ToHashSet();
        foreach (NetAddress vip in _options.Vips)
        {
            string prefix = LocalAddresses.HostPrefix(vip);
            if (present.Contains(vip))
            {
                // Someone else put it there, so it stays when we go.
                _log.WriteLine($"realserver: VIP {vip} is already on lo; leaving it there on exit");
                continue;
            }

            ip.AddAddress("lo", prefix);
            _changes.Add($"added VIP {prefix} on lo", () => ip.DeleteAddress("lo", prefix));
        }
    }

    private void ChangeSysctl(string key, string value)
    {
        SysctlChange change = Sysctl.Change(key, value);
        _changes.Add($"sysctl {key}: {change.OldValue} -> {value}", change.Restore);
    }

    private void SetAdvmss(IpCommand ip)
    {
        bool gue = _options.GuePort != 0;
        bool ipv6Outer = _options.AllowedDirectors.Any(p => !p.IsIPv4);
        Advmss = _options.MssClamp.Compute(_options.TunnelMtu, gue, ipv6Outer);
        if (Advmss is not { } advmss)
        {
            _log.WriteLine("realserver: --mss-clamp off: default routes left alone");
            return;
        }

        SetAdvmss(ip, ipv6: false, advmss.V4);
        SetAdvmss(ip, ipv6: true, advmss.V6);
    }

    private void SetAdvmss(IpCommand ip, bool ipv6, int advmss)
    {
        IReadOnlyList<IReadOnlyList<string>> routes = DefaultRoutes.Show(ip, ipv6);
        if (routes.Count == 0)
        {
            _log.WriteLine($"realserver: no {(ipv6 ? "IPv6" : "IPv4")} default route, so no advmss set; replies to clients need a route");
            return;
        }

        foreach (IReadOnlyList<string> route in routes)
        {
            if (DefaultRoutes.Advmss(route) is int existing && existing <= advmss)
            {
                _log.WriteLine($"realserver: default route already advertises MSS {existing} <= {advmss}: {string.Join(' ', route)}");
                continue;
            }

            DefaultRoutes.Replace(ip, ipv6, DefaultRoutes.WithAdvmss(route, advmss));
            _changes.Add($"advmss {advmss} on route {string.Join(' ', route)}", () => DefaultRoutes.Replace(ip, ipv6, route));
        }
    }

    private void OpenReceivers(IInnerPacketSink sink)
    {
        var rawOptions = new RawSocketOptions { ReceiveTimeout = _options.ReceiveTimeout, ReceiveBufferSize = SocketReceiveBuffer };
        AddRaw(AddressFamily.InterNetwork, IpProtocol.IpInIp, IngressKind.Ipv4Packet, "raw IPv4 proto 4 (4in4)", rawOptions, sink);
        AddRaw(AddressFamily.InterNetwork, IpProtocol.Ipv6, IngressKind.Ipv4Packet, "raw IPv4 proto 41 (6in4)", rawOptions, sink);
        AddRaw(AddressFamily.InterNetworkV6, IpProtocol.Ipv6, IngressKind.Ipv6PayloadIpv6Inner, "raw IPv6 proto 41 (6in6)", rawOptions, sink);
        AddRaw(AddressFamily.InterNetworkV6, IpProtocol.IpInIp, IngressKind.Ipv6PayloadIpv4Inner, "raw IPv6 proto 4 (4in6)", rawOptions, sink);

        if (_options.GuePort != 0)
        {
            // One dual-stack socket on [::] takes GUE over both families (IPv4 senders appear IPv4-mapped,
            // which NetAddress reads as IPv4); fall back to IPv4 only where IPv6 is disabled.
            var udpOptions = new UdpSocketOptions { ReceiveTimeout = _options.ReceiveTimeout, ReceiveBufferSize = SocketReceiveBuffer, V6Only = false };
            UdpSocket socket;
            try
            {
                socket = UdpSocket.Bind(NetAddress.None, _options.GuePort, udpOptions);
            }
            catch (LinuxException e) when (e.Errno == Errno.EAFNOSUPPORT)
            {
                socket = UdpSocket.Bind(NetAddress.FromV4(0), _options.GuePort, udpOptions);
            }

            string name = $"GUE udp {(socket.LocalAddress.IsIPv4 ? "0.0.0.0" : "[::]")}:{socket.LocalPort}";
            _receivers.Add(DecapsulationReceiver.ForGue(name, socket, Filter, sink, NewBatch()));
            _log.WriteLine($"realserver: receiving {name}");
        }
    }

    private void AddRaw(AddressFamily family, IpProtocol protocol, IngressKind kind, string name, RawSocketOptions options, IInnerPacketSink sink)
    {
        RawSocket socket;
        try
        {
            socket = RawSocket.OpenReceiver(family, protocol, options);
        }
        catch (LinuxException e) when (family == AddressFamily.InterNetworkV6 && e.Errno is Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT)
        {
            _log.WriteLine($"realserver: IPv6 is not available here, no {name}: {e.Message}");
            return;
        }

        _receivers.Add(DecapsulationReceiver.ForRaw(name, kind, socket, Filter, sink, NewBatch()));
        _log.WriteLine($"realserver: receiving {name}");
    }

    private PacketBatch NewBatch() => new(_options.BatchSize, _options.ReceiveBufferSize);

    private void StatsLoop()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_options.StatsInterval))
        {
            WriteStats();
        }
    }

    private void WriteStats()
    {
        if (_options.StatsFile is not { } path)
        {
            return;
        }

        try
        {
            StatsFile.Write(path, Snapshot());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.WriteLine($"realserver: cannot write stats file {path}: {e.Message}");
        }
    }
}
