using System.CommandLine;
using System.Runtime.InteropServices;
using Longhaul.Linux;
using Longhaul.Packets;
using Longhaul.RealServer;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul realserver run|check</c>: the real-server side of LVS-Tun. <c>run</c> is the foreground
/// decapsulation agent (exit 0 after SIGTERM/SIGINT with the host restored, 1 when it cannot start, 2 for bad
/// usage); <c>check</c> lists what the host lacks, with fixes (exit 1 when something is missing).
/// </summary>
internal static class RealServerCommand
{
    private const int ExitOk = 0;
    private const int ExitFailure = 1;
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var command = new Command("realserver", "Run the real-server decapsulation agent, or check a real server's setup for LVS-Tun.");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateRun()
    {
        var vip = new Option<string[]>("--vip")
        {
            Description = "A VIP this real server serves (repeatable). Put on lo as /32 or /128 while running.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var allow = new Option<string[]>("--allow")
        {
            Description = "An allowed director address or prefix (repeatable; a bare address is /32 or /128). Other outer sources are dropped and counted.",
            Required = true,
        };
        var guePort = new Option<ushort>("--gue-port")
        {
            Description = "UDP port for GUE; 0 disables GUE.",
            DefaultValueFactory = _ => RealServerOptions.DefaultGuePort,
        };
        var tun = new Option<string>("--tun")
        {
            Description = "TUN device the decapsulated packets are written to.",
            DefaultValueFactory = _ => RealServerOptions.DefaultTunName,
        };
        var statsFile = new Option<string?>("--stats-file") { Description = "Write counters as JSON here every second and on exit." };
        var mssClamp = new Option<string>("--mss-clamp")
        {
            Description = "advmss on the default routes: auto (tunnel MTU - overhead - 40/60), N (IPv4 advmss; IPv6 gets N-20), or off.",
            DefaultValueFactory = _ => "auto",
        };
        var tunnelMtu = new Option<int>("--tunnel-mtu")
        {
            Description = "Path MTU between the directors and this real server (for --mss-clamp auto).",
            DefaultValueFactory = _ => 1500,
        };

        var command = new Command("run", "Decapsulate IPIP and GUE from allowed directors for the given VIPs (foreground; root).");
        command.Options.Add(vip);
        command.Options.Add(allow);
        command.Options.Add(guePort);
        command.Options.Add(tun);
        command.Options.Add(statsFile);
        command.Options.Add(mssClamp);
        command.Options.Add(tunnelMtu);
        command.SetAction(parseResult =>
        {
            if (!TryParseVips(parseResult.GetValue(vip), out List<NetAddress> vips, out string? error)
                || !TryParsePrefixes(parseResult.GetValue(allow), out List<AddressPrefix> directors, out error))
            {
                return Usage(error);
            }

            if (!MssClamp.TryParse(parseResult.GetValue(mssClamp), out MssClamp clamp))
            {
                return Usage($"--mss-clamp must be auto, off or a number from 536 to 65495, not '{parseResult.GetValue(mssClamp)}'.");
            }

            var options = new RealServerOptions
            {
                Vips = vips,
                AllowedDirectors = directors,
                GuePort = parseResult.GetValue(guePort),
                TunName = parseResult.GetValue(tun) ?? RealServerOptions.DefaultTunName,
                StatsFile = parseResult.GetValue(statsFile),
                MssClamp = clamp,
                TunnelMtu = parseResult.GetValue(tunnelMtu),
            };
            return Run(options);
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var vip = new Option<string[]>("--vip") { Description = "A VIP that should be bound here (repeatable)." };
        var guePort = new Option<ushort>("--gue-port") { Description = "Also check that GUE is received on this UDP port." };
        var tun = new Option<string>("--tun")
        {
            Description = "The agent's TUN device name, to detect a running agent.",
            DefaultValueFactory = _ => RealServerOptions.DefaultTunName,
        };
        var tunnelMtu = new Option<int>("--tunnel-mtu")
        {
            Description = "Path MTU between the directors and this host, for the advmss check.",
            DefaultValueFactory = _ => 1500,
        };

        var command = new Command("check", "Show what this host lacks to be an LVS-Tun real server, with the fix for each. Exit 1 when something is missing.");
        command.Options.Add(vip);
        command.Options.Add(guePort);
        command.Options.Add(tun);
        command.Options.Add(tunnelMtu);
        command.SetAction(parseResult =>
        {
            if (!TryParseVips(parseResult.GetValue(vip), out List<NetAddress> vips, out string? error))
            {
                return Usage(error);
            }

            string tunName = parseResult.GetValue(tun) ?? RealServerOptions.DefaultTunName;
            try
            {
                NetworkLink.ValidateName(tunName);
                IReadOnlyList<HostCheck> checks = RealServerCheck.Run(vips, parseResult.GetValue(guePort), tunName, parseResult.GetValue(tunnelMtu));
                HostCheckTable.Write(Console.Out, checks);
                return checks.Any(c => c.Status == HostCheckStatus.Missing) ? ExitFailure : ExitOk;
            }
            catch (Exception e) when (e is LinuxException or IpCommandException or ArgumentException)
            {
                Console.Error.WriteLine($"realserver check: {e.Message}");
                return ExitFailure;
            }
        });
        return command;
    }

    private static int Run(RealServerOptions options)
    {
        using var stop = new CancellationTokenSource();

        // Our own handlers: the agent must get to undo its host changes, so the default "terminate now" is cancelled.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            RealServerAgent.Run(options, Console.Error, stop.Token);
            return ExitOk;
        }
        catch (Exception e) when (e is LinuxException or IpCommandException or ArgumentException)
        {
            Console.Error.WriteLine($"realserver: {e.Message}");
            return ExitFailure;
        }
    }

    private static bool TryParseVips(string[]? texts, out List<NetAddress> vips, out string? error)
    {
        vips = [];
        error = null;
        foreach (string text in texts ?? [])
        {
            if (!NetAddress.TryParse(text, out NetAddress address) || address.IsNone)
            {
                error = $"--vip '{text}' is not an IPv4 or IPv6 address.";
                return false;
            }

            vips.Add(address);
        }

        return true;
    }

    private static bool TryParsePrefixes(string[]? texts, out List<AddressPrefix> prefixes, out string? error)
    {
        prefixes = [];
        error = null;
        foreach (string text in texts ?? [])
        {
            if (!AddressPrefix.TryParse(text, out AddressPrefix prefix))
            {
                error = $"--allow '{text}' is not an address or prefix such as 192.0.2.1 or 192.0.2.0/24.";
                return false;
            }

            prefixes.Add(prefix);
        }

        return true;
    }

    private static int Usage(string? message)
    {
        Console.Error.WriteLine($"realserver: {message}");
        return ExitUsage;
    }
}
