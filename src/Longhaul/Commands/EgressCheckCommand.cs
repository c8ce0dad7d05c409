using System.CommandLine;
using System.Globalization;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Egress;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul egress-check</c>: may each real server's provider send packets with the VIP as source?
/// Without a subcommand it probes every real of the director's configuration through the tunnel (the agent
/// answers); <c>listen</c> and <c>send</c> do it by hand for reals without the agent, including the seed's
/// traceroute method. Exit codes: 0 allowed, 1 some real blocked (or its VIP replies rewritten), 2 usage or
/// configuration error, 3 inconclusive (nothing answered), 4 could not run (not root, socket errors).
/// </summary>
internal static class EgressCheckCommand
{
    private const int ExitUsage = 2;
    private const int ExitCannotRun = 4;
    private const string Name = "egress-check";

    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "The director's YAML configuration (services, reals, tunnel source). Required without a subcommand." };
        var real = new Option<string[]>("--real") { Description = "Only probe this real server (repeatable)." };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for replies (e.g. 2s, 500ms).", DefaultValueFactory = _ => "2s" };
        var attempts = new Option<int>("--attempts") { Description = "Probes per real and VIP, so one lost packet is not a verdict (1-10).", DefaultValueFactory = _ => 3 };
        var probePort = new Option<ushort>("--probe-port") { Description = "UDP port of the probe inside the tunnel; must match the agents.", DefaultValueFactory = _ => EgressDefaults.ProbePort };
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts instead of the table." };

        var command = new Command(
            Name,
            "Check that each real server's provider passes packets with the VIP as source (LVS-Tun replies). " +
            "Run on the director (root): probes every real through the tunnel; the agent answers from the VIP and from its own address. " +
            "Exit 0 allowed, 1 blocked, 2 usage, 3 no answer, 4 cannot run.");
        command.Options.Add(config);
        command.Options.Add(real);
        command.Options.Add(timeout);
        command.Options.Add(attempts);
        command.Options.Add(probePort);
        command.Options.Add(json);
        command.Action = new UsageErrorsExitTwo(Name, parseResult =>
        {
            string? path = parseResult.GetValue(config);
            if (string.IsNullOrEmpty(path))
            {
                return Usage("--config (-c) is required: the director's configuration names the reals and the tunnel source.");
            }

            if (!TryParseDuration(parseResult.GetValue(timeout), out TimeSpan wait))
            {
                return Usage($"--timeout '{parseResult.GetValue(timeout)}' is not a duration such as 2s or 500ms.");
            }

            var only = new HashSet<NetAddress>();
            foreach (string text in parseResult.GetValue(real) ?? [])
            {
                if (!NetAddress.TryParse(text, out NetAddress address))
                {
                    return Usage($"--real '{text}' is not an IP address.");
                }

                only.Add(address);
            }

            return Check(path, only, wait, parseResult.GetValue(attempts), parseResult.GetValue(probePort), parseResult.GetValue(json));
        });
        command.Subcommands.Add(CreateListen());
        command.Subcommands.Add(CreateSend());
        return command;
    }

    /// <summary>Every (real, VIP) pair of the configuration, once each, in configuration order.</summary>
    internal static List<EgressTarget> Targets(BalancerDefinition balancer, IReadOnlySet<NetAddress> only)
    {
        var targets = new List<EgressTarget>();
        var seen = new HashSet<(NetAddress, NetAddress)>();
        TunnelSettings tunnel = balancer.Tunnel;
        foreach (ServiceDefinition service in balancer.Services)
        {
            foreach (RealDefinition real in service.Reals)
            {
                if ((only.Count > 0 && !only.Contains(real.Address)) || !seen.Add((real.Address, service.Vip)))
                {
                    continue;
                }

                targets.Add(new EgressTarget(real.Address, service.Vip, real.DataCenter, real.Tunnel ?? tunnel.Kind, tunnel.GueVariant, tunnel.GuePort));
            }
        }

        return targets;
    }

    private static int Check(string path, HashSet<NetAddress> only, TimeSpan timeout, int attempts, ushort probePort, bool json)
    {
        DirectorConfig config;
        try
        {
            config = DirectorConfig.Load(path);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"{Name}: {e.Message}");
            return ExitUsage;
        }

        List<EgressTarget> targets = Targets(config.Balancer, only);
        if (targets.Count == 0)
        {
            return Usage(only.Count > 0 ? "none of the --real addresses is a real server in the configuration." : "the configuration has no real servers.");
        }

        var options = new TunnelProbeOptions
        {
            SourceV4 = config.Balancer.Tunnel.SourceV4,
            SourceV6 = config.Balancer.Tunnel.SourceV6,
            Timeout = timeout,
            Attempts = attempts,
            ProbePort = probePort,
        };
        IReadOnlyList<EgressResult> results;
        try
        {
            results = new TunnelProbeCheck(options).Run(targets);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
        catch (LinuxException e)
        {
            Console.Error.WriteLine($"{Name}: {e.Message}");
            return ExitCannotRun;
        }

        IReadOnlyList<string> warnings = DirectorPreflight.Warnings();
        if (json)
        {
            using Stream stdout = Console.OpenStandardOutput();
            EgressReport.WriteJson(stdout, results, warnings);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            EgressReport.WriteText(Console.Out, results, warnings);
        }

        return EgressVerdicts.ExitCode(results);
    }

    private static Command CreateListen()
    {
        var address = new Option<string?>("--address") { Description = "Local address to listen on (default: all)." };
        var port = new Option<ushort>("--port") { Description = "UDP port for `send --vip` probes.", DefaultValueFactory = _ => EgressDefaults.ProbePort };
        var icmp = new Option<bool>("--icmp") { Description = "Also report ICMP errors quoting `send --traceroute` probes (the VIP must be delivered locally here)." };
        var vip = new Option<string[]>("--vip") { Description = "Only report probes for this VIP (repeatable)." };
        var timeout = new Option<string>("--timeout") { Description = "How long to listen (e.g. 60s, 5m).", DefaultValueFactory = _ => "60s" };

        var command = new Command("listen", "On the director: report probes from `send` on real servers, and a verdict at the end. Exit 0 allowed, 1 blocked, 3 nothing arrived.");
        command.Options.Add(address);
        command.Options.Add(port);
        command.Options.Add(icmp);
        command.Options.Add(vip);
        command.Options.Add(timeout);
        command.Action = new UsageErrorsExitTwo($"{Name} listen", parseResult =>
        {
            NetAddress bind = NetAddress.None;
            if (parseResult.GetValue(address) is { } text && !NetAddress.TryParse(text, out bind))
            {
                return Usage($"--address '{text}' is not an IP address.");
            }

            if (!TryParseDuration(parseResult.GetValue(timeout), out TimeSpan duration))
            {
                return Usage($"--timeout '{parseResult.GetValue(timeout)}' is not a duration such as 60s.");
            }

            var vips = new List<NetAddress>();
            foreach (string v in parseResult.GetValue(vip) ?? [])
            {
                if (!NetAddress.TryParse(v, out NetAddress parsed))
                {
                    return Usage($"--vip '{v}' is not an IP address.");
                }

                vips.Add(parsed);
            }

            var options = new ListenerOptions { Address = bind, Port = parseResult.GetValue(port), Icmp = parseResult.GetValue(icmp), Vips = vips, Duration = duration };
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            try
            {
                ListenerReport report = ProbeListener.Run(options, Console.Out, stop.Token);
                report.WriteSummary(Console.Out);
                return report.ExitCode;
            }
            catch (ArgumentException e)
            {
                return Usage(e.Message);
            }
            catch (LinuxException e)
            {
                Console.Error.WriteLine($"{Name} listen: {e.Message}");
                return ExitCannotRun;
            }
        });
        return command;
    }

    private static Command CreateSend()
    {
        var vip = new Option<string>("--vip") { Description = "The VIP to send from (source address of the probes).", Required = true };
        var to = new Option<string>("--to") { Description = "The listener's address (the director's own, not the VIP); with --traceroute a third-party address such as a client.", Required = true };
        var port = new Option<ushort>("--port") { Description = "The listener's UDP port.", DefaultValueFactory = _ => EgressDefaults.ProbePort };
        var count = new Option<int>("--count") { Description = "Probe pairs to send (VIP + control).", DefaultValueFactory = _ => 3 };
        var traceroute = new Option<bool>("--traceroute") { Description = "Send TTL-stepped UDP probes from the VIP toward --to, like `traceroute -s VIP`; read the ICMP errors on the director with `listen --icmp`." };
        var maxTtl = new Option<int>("--max-ttl") { Description = "Largest TTL for --traceroute.", DefaultValueFactory = _ => 16 };
        var queries = new Option<int>("--queries") { Description = "Probes per TTL for --traceroute.", DefaultValueFactory = _ => 3 };

        var command = new Command("send", "On a real server (root): send probes with the VIP as source to the director's listener, or --traceroute toward a third party.");
        command.Options.Add(vip);
        command.Options.Add(to);
        command.Options.Add(port);
        command.Options.Add(count);
        command.Options.Add(traceroute);
        command.Options.Add(maxTtl);
        command.Options.Add(queries);
        command.Action = new UsageErrorsExitTwo($"{Name} send", parseResult =>
        {
            if (!NetAddress.TryParse(parseResult.GetValue(vip), out NetAddress from) || from.IsNone)
            {
                return Usage($"--vip '{parseResult.GetValue(vip)}' is not an IP address.");
            }

            if (!NetAddress.TryParse(parseResult.GetValue(to), out NetAddress destination) || destination.IsNone)
            {
                return Usage($"--to '{parseResult.GetValue(to)}' is not an IP address.");
            }

            try
            {
                if (parseResult.GetValue(traceroute))
                {
                    TracerouteProbe.Send(
                        new TracerouteOptions { Vip = from, Target = destination, MaxTtl = parseResult.GetValue(maxTtl), Queries = parseResult.GetValue(queries) },
                        Console.Out);
                }
                else
                {
                    ManualProbe.Send(new ManualProbeOptions { Vip = from, To = destination, Port = parseResult.GetValue(port), Count = parseResult.GetValue(count) }, Console.Out);
                }

                return 0;
            }
            catch (ArgumentException e)
            {
                return Usage(e.Message);
            }
            catch (Exception e) when (e is LinuxException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"{Name} send: {e.Message}");
                return ExitCannotRun;
            }
        });
        return command;
    }

    /// <summary>"2s", "500ms", "1.5s", "5m", or a bare number of seconds.</summary>
    internal static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string number, double scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0 || value * scale > 3600)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return ExitUsage;
    }
}
