using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Longhaul.Lab;
using Longhaul.Lab.Http;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul lab up|status|demo|down</c> (and the hidden <c>lab serve</c> the lab runs on each real): a
/// multi-data-center Longhaul deployment in network namespaces on this machine. The work is in Longhaul.Lab.
/// </summary>
internal static class LabCommand
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;

    public static Command Create()
    {
        var command = new Command(
            "lab",
            "A multi-data-center Longhaul lab in network namespaces on this machine (root): client, internet router, " +
            "one ISP router per DC, director and real servers. Start with `longhaul lab demo`.");
        command.Subcommands.Add(CreateUp());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateDemo());
        command.Subcommands.Add(CreateDown());
        command.Subcommands.Add(CreateServe());
        command.Subcommands.Add(CreateFingerprints());
        return command;
    }

    private sealed class TopologyOptions
    {
        public Option<int> DataCenters { get; } = new("--dcs") { Description = "Data centers (1..50).", DefaultValueFactory = _ => 3 };

        public Option<int> RealsPerDataCenter { get; } = new("--reals-per-dc") { Description = "Real servers in each data center (1..50).", DefaultValueFactory = _ => 2 };

        public Option<int?> Directors { get; } = new("--directors") { Description = "Directors (1..4; default 1, the seed preset 3). Several sit behind the internet router's ECMP route, learnt over BGP (BIRD 2)." };

        public Option<string?> Preset { get; } = new("--preset") { Description = "seed: the seed's deployment, 12 reals in 5 DCs (us-east, us-west, us-central, eu-west, eu-central)." };

        public Option<string[]> IspFilter { get; } = new("--isp-filter") { Description = "A DC whose ISP drops packets with a source not from the DC, as BCP38 filters do (repeatable).", AllowMultipleArgumentsPerToken = false };

        public Option<string> Encapsulation { get; } = new("--encapsulation") { Description = "ipip or gue.", DefaultValueFactory = _ => "ipip" };

        public Option<bool> NoIpv6 { get; } = new("--no-ipv6") { Description = "IPv4 only: no IPv6 VIP or addresses in the director's config." };

        public Option<string> Scheduler { get; } = new("--scheduler") { Description = "rr wrr lc wlc sed nq sh dh mh.", DefaultValueFactory = _ => "mh" };

        public Option<bool> NoBalancer { get; } = new("--no-balancer") { Description = "Network and HTTP services only (no director, no agents).", Hidden = true };

        public void AddTo(Command command)
        {
            command.Options.Add(DataCenters);
            command.Options.Add(RealsPerDataCenter);
            command.Options.Add(Directors);
            command.Options.Add(Preset);
            command.Options.Add(IspFilter);
            command.Options.Add(Encapsulation);
            command.Options.Add(NoIpv6);
            command.Options.Add(Scheduler);
            command.Options.Add(NoBalancer);
        }

        public LabOptions Read(ParseResult parseResult)
        {
            string? preset = parseResult.GetValue(Preset);
            LabOptions options = preset switch
            {
                null => LabOptions.Uniform(parseResult.GetValue(DataCenters), parseResult.GetValue(RealsPerDataCenter)),
                "seed" => LabOptions.Seed,
                _ => throw new LabException($"unknown preset '{preset}': the one preset is 'seed'"),
            };
            string encapsulation = parseResult.GetValue(Encapsulation) ?? "ipip";
            return options with
            {
                Directors = parseResult.GetValue(Directors) ?? options.Directors,
                IspFilter = [.. ResolveDataCenters(options, parseResult.GetValue(IspFilter) ?? [])],
                Encapsulation = encapsulation switch
                {
                    "ipip" => TunnelKind.Ipip,
                    "gue" => TunnelKind.Gue,
                    _ => throw new LabException($"--encapsulation {encapsulation}: use ipip or gue"),
                },
                Ipv6 = !parseResult.GetValue(NoIpv6),
                Scheduler = parseResult.GetValue(Scheduler) ?? "mh",
                StartBalancer = !parseResult.GetValue(NoBalancer),
            };
        }

        /// <summary>DC names as given, or "dcN" for the N-th data center whatever it is called.</summary>
        private static IEnumerable<string> ResolveDataCenters(LabOptions options, string[] names)
        {
            foreach (string name in names)
            {
                if (!options.DataCenterNames.Contains(name)
                    && name.StartsWith("dc", StringComparison.Ordinal)
                    && int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                    && index >= 1 && index <= options.DataCenterNames.Count)
                {
                    yield return options.DataCenterNames[index - 1];
                }
                else
                {
                    yield return name;
                }
            }
        }
    }

    private static Command CreateUp()
    {
        var topology = new TopologyOptions();
        var command = new Command("up", "Build the lab and start the director, the agents and the HTTP services (bounded: about a minute at most).");
        topology.AddTo(command);
        command.SetAction(parseResult => Guard(() =>
        {
            LabOptions options = topology.Read(parseResult);
            LonghaulLab lab = LonghaulLab.Up(options, LonghaulExecutable.FromCurrentProcess(), progress: Console.WriteLine);
            LabReport.WriteSummary(lab, Console.Out);
            return ExitOk;
        }));
        return command;
    }

    private static Command CreateStatus()
    {
        var command = new Command("status", "Namespaces, processes, per-real reachability, and the director's and agents' counters.");
        command.SetAction(_ => Guard(() =>
        {
            LonghaulLab? lab = LonghaulLab.Attach(LonghaulExecutable.FromCurrentProcess());
            if (lab is null)
            {
                IReadOnlyList<string> leftovers = LabNetwork.ExistingNamespaces();
                Console.WriteLine(leftovers.Count == 0
                    ? "no lab is up (start one with `longhaul lab up` or `longhaul lab demo`)"
                    : $"no lab state, but these namespaces are left over: {string.Join(' ', leftovers)}; `longhaul lab down` removes them");
                return leftovers.Count == 0 ? ExitOk : ExitFailed;
            }

            LabStatus status = LabStatus.Collect(lab);
            LabReport.WriteStatus(lab, status, Console.Out);
            if (lab.Options.UsesBgp && status.MissingNamespaces.Count == 0)
            {
                foreach (LabDirector director in lab.Topology.Directors)
                {
                    Longhaul.Lab.Stats.DirectorStats? stats = lab.ReadDirectorStats(director.Index);
                    Console.WriteLine(stats is null
                        ? $"{director.Name}: no stats (not running?)"
                        : $"{director.Name}: {stats.Packets} packets in, {stats.Forwarded} forwarded, {stats.TotalDrops} dropped");
                }

                Console.WriteLine("BGP sessions in lh-inet (birdc show protocols):");
                Console.WriteLine(lab.DescribeBgpSessions());
                Console.WriteLine("ECMP routes to the VIPs in lh-inet (ip route show VIP):");
                Console.WriteLine(lab.DescribeEcmpRoutes());
            }
            return status.Healthy ? ExitOk : ExitFailed;
        }));
        return command;
    }

    private static Command CreateDemo()
    {
        var topology = new TopologyOptions();
        var requests = new Option<int>("--requests") { Description = "HTTP requests to send through the VIP (1..100000).", DefaultValueFactory = _ => 200 };
        var bytes = new Option<int>("--bytes") { Description = "Response size of each request (GET /bytes/N).", DefaultValueFactory = _ => 100_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
        var ipv6 = new Option<bool>("--ipv6") { Description = "Send to the IPv6 VIP." };
        var down = new Option<bool>("--down") { Description = "Take the lab down afterwards (by default it stays up)." };
        var command = new Command(
            "demo",
            "Bring the lab up if needed, send HTTP requests from the client through the VIP, and show the spread per real " +
            "and per DC and the proof of direct return (bytes the client got vs bytes the director carried).");
        topology.AddTo(command);
        command.Options.Add(requests);
        command.Options.Add(bytes);
        command.Options.Add(concurrency);
        command.Options.Add(ipv6);
        command.Options.Add(down);
        command.SetAction(parseResult => Guard(() =>
        {
            LonghaulExecutable executable = LonghaulExecutable.FromCurrentProcess();
            LonghaulLab? lab = LonghaulLab.Attach(executable);
            if (lab is null)
            {
                Console.WriteLine("bringing the lab up first...");
                lab = LonghaulLab.Up(topology.Read(parseResult), executable, progress: line => Console.WriteLine("  " + line));
            }
            else
            {
                Console.WriteLine("using the lab that is already up (`longhaul lab down` first for a different one)");
            }

            var settings = new LabDemoSettings(
                Math.Clamp(parseResult.GetValue(requests), 1, 100_000),
                Math.Clamp(parseResult.GetValue(bytes), 0, 100_000_000),
                Math.Clamp(parseResult.GetValue(concurrency), 1, 64),
                parseResult.GetValue(ipv6));
            bool interactive = !Console.IsOutputRedirected;
            LabDemoReport report = LabDemo.Run(lab, settings, (done, total) =>
            {
                if (interactive)
                {
                    Console.Write(LabReport.ProgressBar(done, total));
                }
                else if (done == total || done % Math.Max(1, total / 10) == 0)
                {
                    Console.WriteLine($"  {done}/{total}");
                }
            });
            if (interactive)
            {
                Console.WriteLine();
            }

            LabReport.WriteDemo(lab, report, Console.Out);
            if (parseResult.GetValue(down))
            {
                LabDownReport removed = LonghaulLab.Down();
                Console.WriteLine($"lab down: {removed.Namespaces.Count} namespaces removed");
            }
            else
            {
                Console.WriteLine("the lab stays up: try `longhaul lab status`, `sudo ip netns exec lh-client curl -s http://203.0.113.10/`; remove it with `longhaul lab down`");
            }

            return report.Failed == 0 || lab.Options.IspFilter.Count > 0 ? ExitOk : ExitFailed;
        }));
        return command;
    }

    private static Command CreateDown()
    {
        var command = new Command("down", "Stop what the lab started and delete every lh-* namespace (also after a crash). Logs stay in /run/longhaul-lab/logs.");
        command.SetAction(_ => Guard(() =>
        {
            LabDownReport report = LonghaulLab.Down();
            Console.WriteLine(report.Namespaces.Count == 0 && report.Stopped + report.Killed == 0
                ? "nothing to remove: no lab is up"
                : $"stopped {report.Stopped} processes{(report.Killed > 0 ? $" (killed {report.Killed} that ignored SIGTERM)" : "")}, deleted {report.Namespaces.Count} namespaces");
            return ExitOk;
        }));
        return command;
    }

    private static Command CreateServe()
    {
        var name = new Option<string>("--name") { Description = "The real's name, answered in the body and X-Real.", Required = true };
        var dc = new Option<string>("--dc") { Description = "The real's data center, answered in the body and X-DC.", Required = true };
        var port = new Option<int>("--port") { Description = "TCP port.", DefaultValueFactory = _ => 80 };
        var address = new Option<string?>("--address") { Description = "Address to listen on (default: every address, IPv4 and IPv6)." };
        var command = new Command("serve", "The lab's demo HTTP/1.1 service: GET / names the real and DC, GET /bytes/N, POST /upload.")
        {
            Hidden = true,
        };
        command.Options.Add(name);
        command.Options.Add(dc);
        command.Options.Add(port);
        command.Options.Add(address);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? listen = parseResult.GetValue(address);
            var endpoint = new IPEndPoint(listen is null ? IPAddress.IPv6Any : IPAddress.Parse(listen), parseResult.GetValue(port));
            using var server = new DemoHttpServer(parseResult.GetValue(name)!, parseResult.GetValue(dc)!, endpoint);
            using var stop = new CancellationTokenSource();
            using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancellationToken);
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            Console.WriteLine($"serving {parseResult.GetValue(name)} {parseResult.GetValue(dc)} on {server.LocalEndPoint}");
            await server.RunAsync(linked.Token).ConfigureAwait(false);
            return ExitOk;
        });
        return command;
    }

    /// <summary>
    /// Each director's Maglev fingerprint per service, computed from the config file that director runs
    /// (read and compiled as the director does), so an operator sees at once that ECMP can move a flow between
    /// them safely. Stands in for `longhaul ctl` fingerprints until the control commands land.
    /// </summary>
    private static Command CreateFingerprints()
    {
        var command = new Command("fingerprints", "Each director's Maglev table fingerprint per service, from its config; exit 1 if they differ.");
        command.SetAction(_ => Guard(() =>
        {
            LonghaulLab lab = LonghaulLab.Attach(LonghaulExecutable.FromCurrentProcess()) ?? throw new LabException("no lab is up");
            var byService = new SortedDictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
            foreach (LabDirector director in lab.Topology.Directors)
            {
                Longhaul.Config.DirectorConfig config = Longhaul.Config.DirectorConfig.Load(director.ConfigFile(lab.Paths));
                Longhaul.Balancing.Forwarding.ForwardingSnapshot snapshot = Longhaul.Balancing.Forwarding.SnapshotCompiler.Compile(config.Balancer);
                foreach (Longhaul.Balancing.Forwarding.CompiledService service in snapshot.Services)
                {
                    ulong fingerprint = service.Scheduler is Longhaul.Balancing.Scheduling.MaglevScheduler maglev ? maglev.Table.Fingerprint : service.StatelessTable.Fingerprint;
                    string key = service.Key.ToString();
                    Console.WriteLine($"{director.Name,-6} {key,-28} {fingerprint:x16}");
                    if (!byService.TryGetValue(key, out HashSet<ulong>? seen))
                    {
                        byService[key] = seen = [];
                    }

                    seen.Add(fingerprint);
                }
            }

            bool agree = byService.Values.All(set => set.Count == 1);
            Console.WriteLine(agree
                ? $"all {lab.Topology.Directors.Count} directors agree on every service"
                : "directors DIFFER on: " + string.Join(", ", byService.Where(p => p.Value.Count > 1).Select(p => p.Key)));
            return agree ? ExitOk : ExitFailed;
        }));
        return command;
    }

    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is LabException or LinuxException or IpCommandException or ArgumentException)
        {
            Console.Error.WriteLine($"longhaul lab: {e.Message}");
            return ExitFailed;
        }
    }
}
