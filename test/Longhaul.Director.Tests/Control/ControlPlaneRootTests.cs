using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Longhaul.Balancing.Simulation;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;
using Longhaul.Director.Hosting;
using Longhaul.Director.Runtime;
using Longhaul.Linux;
using Longhaul.Packets;
using Microsoft.Extensions.Logging.Abstractions;
using static Longhaul.Director.Tests.DirectorTopology;

namespace Longhaul.Director.Tests.Control;

/// <summary>
/// The control plane on a real director in namespaces, under continuous traffic: long-lived TCP flows plus new
/// ones every round, while ctl (over the Unix socket) changes a weight, reloads an identical and an invalid
/// file, drains a real and adds one. What the real-server namespace receives shows where every flow went; a
/// flow seen at two reals would be a broken connection. /metrics is scraped over HTTP at the end.
/// </summary>
public sealed class ControlPlaneRootTests
{
    private const int LongLived = 32;
    private const int NewPerRound = 8;
    private const int Rounds = 30;
    private static readonly NetAddress s_vip = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_realB = NetAddress.Parse("100.64.1.3");
    private static readonly NetAddress s_realC = NetAddress.Parse("100.64.1.4");

    [RootFact]
    public async Task CtlUnderLoad_EditsAndReloads_NoEstablishedFlowMovesAndMetricsMatch()
    {
        using var topology = new DirectorTopology();
        IpCommand real = IpCommand.InNamespace(topology.Real.Name);
        real.AddAddress("r0", $"{s_realB}/24");
        real.AddAddress("r0", $"{s_realC}/24");
        string directory = Path.Combine(Path.GetTempPath(), $"lhtest-ctl-{topology.Id}");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "dir.yaml");
        string socket = Path.Combine(directory, "admin.sock");
        int metricsPort = FreePort();
        string yaml = Yaml(directory, socket, metricsPort);
        File.WriteAllText(path, yaml);
        DirectorConfig config = DirectorConfig.Load(path);
        var log = new StringWriter();
        using var director = new DirectorThread(topology.Director, config, new DirectorLog(TextWriter.Synchronized(log)));
        var seen = new ConcurrentDictionary<ushort, ConcurrentDictionary<NetAddress, int>>();
        long received = 0;
        using var stopReceiver = new CancellationTokenSource();
        try
        {
            Assert.True(director.WaitStarted(TimeSpan.FromSeconds(20)), $"director did not start: {director.Failure}\n{log}");
            await using DirectorComponents components = DirectorComponents.Start(director.Runtime!, config, NullLogger.Instance);
            using RawSocket ipip = topology.Real.Run(() => RawSocket.OpenReceiver(
                AddressFamily.InterNetwork, IpProtocol.IpInIp, new RawSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(100), ReceiveBufferSize = 8 << 20 }));
            Task receiver = Task.Run(() => Receive(ipip, seen, ref received, stopReceiver.Token));
            using RawSocket sender = topology.Client.Run(() => RawSocket.OpenSender(AddressFamily.InterNetwork));
            byte[] packet = new byte[200];
            long sent = 0;
            void Send(ushort port, byte flags, int payload)
            {
                int length = SyntheticPackets.WriteTcp(packet, ClientAddress, s_vip, port, 80, flags, payload);
                Assert.Equal(length, sender.SendTo(packet.AsSpan(0, length), s_vip));
                sent++;
            }

            for (ushort i = 0; i < LongLived; i++)
            {
                Send((ushort)(20000 + i), SyntheticPackets.Syn, 0);
            }

            var outcomes = new List<string>();
            for (int round = 0; round < Rounds; round++)
            {
                for (ushort i = 0; i < LongLived; i++)
                {
                    Send((ushort)(20000 + i), SyntheticPackets.Ack | SyntheticPackets.Psh, 100);
                }

                for (ushort i = 0; i < NewPerRound; i++)
                {
                    ushort port = (ushort)(30000 + (round * NewPerRound) + i);
                    Send(port, SyntheticPackets.Syn, 0);
                    Send(port, SyntheticPackets.Ack, 10);
                }

                string? step = round switch
                {
                    5 => await Ctl(socket, new AdminRequest { Op = "edit-real", Protocol = "tcp", Service = "203.0.113.10:80", Real = "100.64.1.2", Weight = 3 }),
                    10 => await Ctl(socket, new AdminRequest { Op = "reload" }),
                    15 => await ReloadInvalid(socket, path, yaml),
                    20 => await Ctl(socket, new AdminRequest { Op = "drain-real", Protocol = "tcp", Service = "203.0.113.10:80", Real = s_realB.ToString() }),
                    25 => await Ctl(socket, new AdminRequest { Op = "add-real", Protocol = "tcp", Service = "203.0.113.10:80", Real = s_realC.ToString(), DataCenter = "dc3" }),
                    _ => null,
                };
                if (step is not null)
                {
                    outcomes.Add($"round {round}: {step}");
                }

                await Task.Delay(30);
            }

            await WaitFor(() => Interlocked.Read(ref received) >= sent, TimeSpan.FromSeconds(5));
            AdminResponse list = await AdminClient.SendAsync(socket, new AdminRequest { Op = "list" });
            using var http = new HttpClient();
            string metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            await stopReceiver.CancelAsync();
            await receiver;

            string report = $"{string.Join('\n', outcomes)}\n{ListFormatter.Format(list.List!, false, false)}\n{log}";
            int broken = Enumerable.Range(20000, LongLived).Count(p => seen.TryGetValue((ushort)p, out var reals) && reals.Count > 1);
            int missing = Enumerable.Range(20000, LongLived).Count(p => !seen.ContainsKey((ushort)p));
            Assert.True(broken == 0 && missing == 0, $"{broken} long-lived flow(s) moved between reals, {missing} never arrived\n{report}");
            Assert.Equal(sent, Interlocked.Read(ref received));

            // New flows after the drain (round 20) never reach the drained real; after the add (25) some reach the new one.
            var afterDrain = NewFlows(seen, 21, Rounds);
            Assert.DoesNotContain(afterDrain, reals => reals.ContainsKey(s_realB));
            Assert.Contains(NewFlows(seen, 26, Rounds), reals => reals.ContainsKey(s_realC));
            Assert.All(seen.Values, reals => Assert.Single(reals));

            Assert.Equal(5, list.ConfigVersion);
            Assert.Contains($"longhaul_director_service_packets_total{{service=\"tcp/203.0.113.10:80\"}} {sent}\n", metrics, StringComparison.Ordinal);
            Assert.Contains($"longhaul_director_forwarded_total {sent}\n", metrics, StringComparison.Ordinal);
            Assert.Contains("longhaul_director_config_version 5\n", metrics, StringComparison.Ordinal);
            Assert.Contains("longhaul_director_real_draining{service=\"tcp/203.0.113.10:80\",real=\"100.64.1.3:80\",dc=\"dc2\"} 1\n", metrics, StringComparison.Ordinal);
            Assert.Equal(
                ["round 5: ok", "round 10: ok", "round 15: refused", "round 20: ok", "round 25: ok"],
                outcomes);
            Console.WriteLine($"ctl root test: sent {sent} packets ({LongLived} long-lived flows, {Rounds * NewPerRound} new), received {received}, broken {broken}");
        }
        finally
        {
            await stopReceiver.CancelAsync();
            director.Stop(TimeSpan.FromSeconds(20));
            Directory.Delete(directory, recursive: true);
        }

        Assert.Null(director.Failure);
    }

    private static async Task<string> Ctl(string socket, AdminRequest request)
    {
        AdminResponse response = await AdminClient.SendAsync(socket, request);
        return response.Ok ? "ok" : $"failed: {response.Error}";
    }

    private static async Task<string> ReloadInvalid(string socket, string path, string yaml)
    {
        File.WriteAllText(path, yaml.Replace("weight: 1", "weight: 70000", StringComparison.Ordinal));
        AdminResponse response = await AdminClient.SendAsync(socket, new AdminRequest { Op = "reload" });
        File.WriteAllText(path, ConfigYamlWriter.ToYaml(DirectorConfig.Parse(yaml, path)));
        return response.Ok ? "applied?!" : response.Error!.Contains("70000 is out of range", StringComparison.Ordinal) ? "refused" : response.Error;
    }

    private static List<ConcurrentDictionary<NetAddress, int>> NewFlows(
        ConcurrentDictionary<ushort, ConcurrentDictionary<NetAddress, int>> seen, int fromRound, int toRound)
    {
        var flows = new List<ConcurrentDictionary<NetAddress, int>>();
        for (int port = 30000 + (fromRound * NewPerRound); port < 30000 + (toRound * NewPerRound); port++)
        {
            if (seen.TryGetValue((ushort)port, out var reals))
            {
                flows.Add(reals);
            }
        }

        return flows;
    }

    private static void Receive(RawSocket socket, ConcurrentDictionary<ushort, ConcurrentDictionary<NetAddress, int>> seen, ref long received, CancellationToken stop)
    {
        byte[] buffer = new byte[70_000];
        while (!stop.IsCancellationRequested)
        {
            int n = socket.Receive(buffer, out _);
            if (n <= 0 || !Ipv4Header.TryParse(buffer.AsSpan(0, n), out Ipv4Header outer) || outer.Protocol != IpProtocol.IpInIp)
            {
                continue;
            }

            ReadOnlySpan<byte> inner = buffer.AsSpan(outer.HeaderLength, n - outer.HeaderLength);
            if (!Ipv4Header.TryParse(inner, out Ipv4Header ip) || ip.Destination != s_vip || !TcpHeader.TryParse(inner[ip.HeaderLength..], out TcpHeader tcp))
            {
                continue;
            }

            seen.GetOrAdd(tcp.SourcePort, _ => new ConcurrentDictionary<NetAddress, int>()).AddOrUpdate(outer.Destination, 1, (_, count) => count + 1);
            Interlocked.Increment(ref received);
        }
    }

    private static string Yaml(string directory, string socket, int metricsPort) => $"""
        director:
          name: ctlroot
          tunnel-source: {DirectorRealSide}
          workers: 2
          tun-device: lhd0
          flow-table-size: 4096
          stats-file: {directory}/stats.json
          admin-socket: {socket}
          metrics-listen: 127.0.0.1:{metricsPort}
        services:
          - protocol: tcp
            vip: {s_vip}
            port: 80
            scheduler: mh
            reals:
              - address: {RealAddress}
                weight: 1
                dc: dc1
              - address: {s_realB}
                weight: 1
                dc: dc2
        """;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }
}
