using System.CommandLine;
using Longhaul.Balancing.Forwarding;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Hosting;
using Longhaul.Director.Runtime;
using Longhaul.Linux;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul director run -c FILE [--dry-run]</c>: the director under the Generic Host (root; systemd notify
/// when run by systemd). Exit 0 after a clean stop (SIGTERM/SIGINT, with everything it set up removed), 1 when
/// it cannot run here (not root, no TUN support, a route or sysctl refused) or a worker failed, 2 for an
/// invalid configuration or bad usage. <c>--dry-run</c> validates the file and prints the services and reals
/// it would forward to, without root.
/// </summary>
/// <remarks>
/// The action is synchronous: System.CommandLine installs its own SIGTERM handling (with a 2 s timeout that
/// would cut the teardown short) only for asynchronous actions, so the host's lifetime alone handles signals.
/// An asynchronous version must invoke with <c>ProcessTerminationTimeout = null</c>.
/// </remarks>
internal static class DirectorCommand
{
    private const int ExitOk = 0;
    private const int ExitFailure = 1;
    private const int ExitConfig = 2;

    public static Command Create()
    {
        var command = new Command("director", "Run the Longhaul director (the LVS-Tun load balancer's data plane).");
        command.Subcommands.Add(CreateRun());
        return command;
    }

    private static Command CreateRun()
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The director's YAML configuration file.",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Validate the file and print the services and reals; change nothing (no root needed).",
        };
        var command = new Command(
            "run",
            "Forward client packets for the configured VIPs to the real servers, in the foreground (root). " +
            "SIGTERM or SIGINT stops it and removes what it set up; SIGHUP reloads the file.");
        command.Options.Add(config);
        command.Options.Add(dryRun);
        command.Action = new UsageErrorsExitTwo("director run", parseResult => Run(parseResult.GetValue(config)!, parseResult.GetValue(dryRun)));
        return command;
    }

    private static int Run(string path, bool dryRun)
    {
        DirectorConfig config;
        ForwardingSnapshot snapshot;
        try
        {
            config = dryRun ? DirectorConfig.Load(path) : ControlPlane.LoadForStart(path);
            snapshot = SnapshotCompiler.Compile(config.Balancer);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"director: {path} is not a valid configuration; nothing was started. Fix:");
            foreach (ConfigError error in e.Errors)
            {
                Console.Error.WriteLine($"  {error}");
            }

            return ExitConfig;
        }
        catch (SnapshotCompileException e)
        {
            Console.Error.WriteLine($"director: {path}: {e.Message}");
            return ExitConfig;
        }

        if (dryRun)
        {
            DirectorDescription.Write(config, snapshot, Console.Out);
            Console.Out.WriteLine($"{path}: valid (dry run: nothing was changed).");
            return ExitOk;
        }

        int exitCode = DirectorHost.Run(config, out Exception? failure);
        if (failure is LinuxException linuxError)
        {
            Console.Error.WriteLine($"director: cannot start: {linuxError.Message}");
            string? advice = linuxError.Errno switch
            {
                Errno.EPERM or Errno.EACCES => $"Run it as root (sudo longhaul director run -c {path}); 'longhaul director run -c {path} --dry-run' checks the file without root.",
                Errno.ENOENT or Errno.ENODEV when linuxError.Operation.Contains(TunDevice.ClonePath, StringComparison.Ordinal) =>
                    $"This kernel offers no TUN devices: load the module (modprobe tun), or in a container pass {TunDevice.ClonePath} through (e.g. docker run --device {TunDevice.ClonePath} --cap-add NET_ADMIN).",
                _ => null,
            };
            if (advice is not null)
            {
                Console.Error.WriteLine(advice);
            }
        }
        else if (failure is not null)
        {
            Console.Error.WriteLine($"director: {failure.Message}");
        }

        return exitCode == ExitOk ? ExitOk : ExitFailure;
    }
}
