using System.CommandLine;
using System.Text.Json;
using Longhaul.Cli.Ctl;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul ctl ...</c>: ipvsadm-style administration of a running director through its admin socket
/// (root-only). Exit 0 on success, 1 when the director refuses or cannot be reached, 2 for bad usage.
/// </summary>
internal static class CtlCommand
{
    private const int ExitOk = 0;
    private const int ExitFailure = 1;
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var command = new Command("ctl", "Inspect and change a running director (ipvsadm-style), through its admin socket.");
        command.Options.Add(CtlOptions.Socket);
        command.Options.Add(CtlOptions.Config);
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateExplain());
        command.Subcommands.Add(CreateFlows());
        command.Subcommands.Add(Simple("zero", "Zero the counters ctl list shows (ipvsadm -Z); metrics keep counting.", "zero"));
        command.Subcommands.Add(CreateReload());
        command.Subcommands.Add(Simple("save", "Print the running table in ipvsadm -S -n format.", "save"));
        command.Subcommands.Add(CreateServiceEdit("add-service", "Add a virtual service (ipvsadm -A).", "add-service", full: true));
        command.Subcommands.Add(CreateServiceEdit("edit-service", "Change a service's scheduler, flags or persistence (ipvsadm -E).", "edit-service", full: true));
        command.Subcommands.Add(CreateServiceEdit("remove-service", "Remove a virtual service (ipvsadm -D).", "remove-service", full: false));
        command.Subcommands.Add(CreateRealEdit("add-real", "Add a real server (ipvsadm -a -i).", "add-real", full: true));
        command.Subcommands.Add(CreateRealEdit("edit-real", "Change a real's weight, DC or encapsulation (ipvsadm -e).", "edit-real", full: true));
        command.Subcommands.Add(CreateRealEdit("drain-real", "Take no new flows on a real; established ones stay.", "drain-real", full: false));
        command.Subcommands.Add(CreateRealEdit("undrain-real", "Let a drained real take new flows again.", "undrain-real", full: false));
        command.Subcommands.Add(CreateRemoveReal());
        command.Subcommands.Add(FingerprintsCommand.Create());
        return command;
    }

    private static Command CreateList()
    {
        var numeric = new Option<bool>("--numeric", "-n") { Description = "Numeric addresses (always; accepted as ipvsadm takes it)." };
        var stats = new Option<bool>("--stats") { Description = "Conns, InPkts, InBytes (ipvsadm --stats)." };
        var rate = new Option<bool>("--rate") { Description = "CPS, InPPS, InBPS over the last seconds (ipvsadm --rate)." };
        var command = new Command("list", "List services and reals in the ipvsadm -L -n layout, plus health and DC.") { numeric, stats, rate, CtlOptions.Json };
        command.Aliases.Add("ls");
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(stats) && parseResult.GetValue(rate))
            {
                return Usage("--stats and --rate cannot be combined");
            }

            return Send(parseResult, new AdminRequest { Op = "list" }, response =>
                ListFormatter.Format(response.List!, parseResult.GetValue(stats), parseResult.GetValue(rate)));
        });
        return command;
    }

    private static Command CreateExplain()
    {
        var protocol = new Argument<string>("protocol") { Description = "tcp or udp." };
        var client = new Argument<string>("client") { Description = "CLIENT-IP:PORT." };
        var vip = new Argument<string>("vip") { Description = "VIP:PORT." };
        var command = new Command("explain", "Which real a flow goes to and why (flow table, persistence, scheduler), without changing anything.")
        {
            protocol, client, vip, CtlOptions.Json,
        };
        command.SetAction(parseResult => Send(
            parseResult,
            new AdminRequest { Op = "explain", Protocol = parseResult.GetValue(protocol), Client = parseResult.GetValue(client), Service = parseResult.GetValue(vip) },
            response => ListFormatter.FormatExplain(response.Explain!)));
        return command;
    }

    private static Command CreateFlows()
    {
        var limit = new Option<int?>("--limit") { Description = "At most this many flows (default 100, at most 10000)." };
        var vip = new Option<string>("--vip") { Description = "Only flows to VIP[:PORT]." };
        var real = new Option<string>("--real") { Description = "Only flows to this real." };
        var client = new Option<string>("--client") { Description = "Only flows from this client address." };
        var command = new Command("flows", "List live flows (bounded, filterable), like ipvsadm -Lc.") { limit, vip, real, client, CtlOptions.Json };
        command.SetAction(parseResult => Send(
            parseResult,
            new AdminRequest
            {
                Op = "flows",
                Limit = parseResult.GetValue(limit),
                Service = parseResult.GetValue(vip),
                Real = parseResult.GetValue(real),
                Client = parseResult.GetValue(client),
            },
            response => ListFormatter.FormatFlows(response.Flows!)));
        return command;
    }

    private static Command CreateReload()
    {
        var file = new Argument<string?>("file") { Description = "Another file to apply (default: the director's own).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("reload", "Re-read the configuration file and apply it (as SIGHUP); an invalid file changes nothing.") { file };
        command.SetAction(parseResult =>
        {
            string? path = parseResult.GetValue(file);
            return Send(parseResult, new AdminRequest { Op = "reload", Path = path is null ? null : Path.GetFullPath(path) }, MessageOf);
        });
        return command;
    }

    private static Command Simple(string name, string description, string op)
    {
        var command = new Command(name, description);
        command.SetAction(parseResult => Send(parseResult, new AdminRequest { Op = op }, MessageOf));
        return command;
    }

    private static Command CreateServiceEdit(string name, string description, string op, bool full)
    {
        Option<string> tcp = CtlOptions.Tcp(), udp = CtlOptions.Udp();
        Option<string> scheduler = CtlOptions.Scheduler(), netmask = CtlOptions.Netmask(), flags = CtlOptions.Flags();
        Option<int?> persistent = CtlOptions.Persistent();
        var command = new Command(name, description) { tcp, udp };
        if (full)
        {
            command.Options.Add(scheduler);
            command.Options.Add(persistent);
            command.Options.Add(netmask);
            command.Options.Add(flags);
        }

        command.SetAction(parseResult =>
        {
            if (!TryService(parseResult, tcp, udp, out string? protocol, out string? service, out int usage))
            {
                return usage;
            }

            int? persistence = full && parseResult.GetResult(persistent) is not null ? parseResult.GetValue(persistent) ?? 360 : null;
            return Send(
                parseResult,
                new AdminRequest
                {
                    Op = op,
                    Protocol = protocol,
                    Service = service,
                    Scheduler = full ? parseResult.GetValue(scheduler) : null,
                    Persistence = persistence,
                    Netmask = full ? parseResult.GetValue(netmask) : null,
                    Flags = full ? parseResult.GetValue(flags)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
                },
                MessageOf);
        });
        return command;
    }

    private static Command CreateRealEdit(string name, string description, string op, bool full)
    {
        Option<string> tcp = CtlOptions.Tcp(), udp = CtlOptions.Udp(), real = CtlOptions.Real(required: true);
        Option<int?> weight = CtlOptions.Weight();
        Option<string> dc = CtlOptions.DataCenter(), encapsulation = CtlOptions.Encapsulation();
        var command = new Command(name, description) { tcp, udp, real };
        if (full)
        {
            command.Options.Add(weight);
            command.Options.Add(dc);
            command.Options.Add(encapsulation);
            command.Options.Add(new Option<bool>("--ipip", "-i") { Description = "Accepted for ipvsadm compatibility: Longhaul always tunnels." });
        }

        command.SetAction(parseResult =>
        {
            if (!TryService(parseResult, tcp, udp, out string? protocol, out string? service, out int usage))
            {
                return usage;
            }

            return Send(
                parseResult,
                new AdminRequest
                {
                    Op = op,
                    Protocol = protocol,
                    Service = service,
                    Real = parseResult.GetValue(real),
                    Weight = full ? parseResult.GetValue(weight) : null,
                    DataCenter = full ? parseResult.GetValue(dc) : null,
                    Encapsulation = full ? parseResult.GetValue(encapsulation) : null,
                },
                MessageOf);
        });
        return command;
    }

    private static Command CreateRemoveReal()
    {
        Option<string> tcp = CtlOptions.Tcp(), udp = CtlOptions.Udp(), real = CtlOptions.Real(required: true);
        var drain = new Option<bool>("--drain") { Description = "Drain first: wait until the real has no active connection (or --timeout), then remove it." };
        var timeout = new Option<double?>("--timeout") { Description = "Longest drain wait in seconds (default 60)." };
        var command = new Command("remove-real", "Remove a real server (ipvsadm -d); with --drain, without breaking its established flows.") { tcp, udp, real, drain, timeout };
        command.SetAction(parseResult =>
        {
            if (!TryService(parseResult, tcp, udp, out string? protocol, out string? service, out int usage))
            {
                return usage;
            }

            return Send(
                parseResult,
                new AdminRequest
                {
                    Op = "remove-real",
                    Protocol = protocol,
                    Service = service,
                    Real = parseResult.GetValue(real),
                    Drain = parseResult.GetValue(drain),
                    TimeoutSeconds = parseResult.GetValue(timeout),
                },
                MessageOf);
        });
        return command;
    }

    private static bool TryService(ParseResult parseResult, Option<string> tcp, Option<string> udp, out string? protocol, out string? service, out int exitCode)
    {
        string? t = parseResult.GetValue(tcp), u = parseResult.GetValue(udp);
        (protocol, service) = (t, u) switch
        {
            ({ } vip, null) => ("tcp", vip),
            (null, { } vip) => ("udp", vip),
            _ => (null, null),
        };
        exitCode = protocol is null ? Usage("give exactly one of -t VIP:PORT or -u VIP:PORT") : ExitOk;
        return protocol is not null;
    }

    private static string MessageOf(AdminResponse response) => response.Message is { } message
        ? (message.EndsWith('\n') ? message : message + "\n")
        : string.Empty;

    private static int Send(ParseResult parseResult, AdminRequest request, Func<AdminResponse, string> format)
    {
        string socket;
        try
        {
            socket = SocketPath(parseResult);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"ctl: {e.Message}");
            return ExitUsage;
        }

        AdminResponse response;
        try
        {
            response = AdminClient.SendAsync(socket, request).GetAwaiter().GetResult();
        }
        catch (AdminUnreachableException e)
        {
            Console.Error.WriteLine($"ctl: {e.Message}");
            return ExitFailure;
        }

        if (parseResult.GetValue(CtlOptions.Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(response, AdminJsonContext.Default.AdminResponse));
            return response.Ok ? ExitOk : ExitFailure;
        }

        if (!response.Ok)
        {
            Console.Error.WriteLine($"ctl: {response.Error}");
            return ExitFailure;
        }

        Console.Out.Write(format(response));
        return ExitOk;
    }

    /// <summary>--socket, else the admin-socket of -c FILE, else the default director's socket.</summary>
    private static string SocketPath(ParseResult parseResult)
    {
        if (parseResult.GetValue(CtlOptions.Socket) is { } socket)
        {
            return socket;
        }

        return parseResult.GetValue(CtlOptions.Config) is { } file
            ? DirectorConfig.Load(file).Director.AdminSocket
            : AdminClient.DefaultSocket;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"ctl: {message}");
        return ExitUsage;
    }
}
