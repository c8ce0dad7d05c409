using System.CommandLine;
using System.Text;
using Longhaul.Config;
using Longhaul.Config.Import;
using Longhaul.Packets;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul import ipvsadm FILE|-</c> and <c>longhaul import keepalived FILE</c>: an LVS configuration to a
/// Longhaul YAML on stdout (or <c>-o OUT</c>, written atomically), with every item that did not map listed on
/// stderr. Exit 0 when everything mapped, 3 when some items did not (the YAML is still written), 2 when the
/// input cannot be read or parsed (errors name file and line) or for bad usage, 1 when OUT cannot be written.
/// </summary>
internal static class ImportCommand
{
    private const int ExitOk = 0;
    private const int ExitOutputFailed = 1;
    private const int ExitInvalid = 2;
    private const int ExitUnmapped = 3;

    public static Command Create()
    {
        var command = new Command(
            "import",
            "Convert an ipvsadm rules file or a keepalived.conf to a Longhaul director configuration. " +
            "Exit 0: everything mapped; 3: some items did not map (listed on stderr, the YAML is still written); " +
            "2: the input is invalid; 1: the output could not be written.");
        command.Subcommands.Add(CreateSubcommand(
            "ipvsadm",
            "FILE",
            "An 'ipvsadm -S -n' / ipvsadm-save file or ipvsadm -R input; '-' reads standard input.",
            "Import ipvsadm rules (ipvsadm -S -n output; both the '-i -w N' and the '--tun-type' tunnel syntax).",
            (path, options) => path == "-"
                ? IpvsadmImporter.Import(Console.In, "stdin", options)
                : ImportIpvsadmFile(path, options)));
        command.Subcommands.Add(CreateSubcommand(
            "keepalived",
            "FILE",
            "The keepalived.conf; 'include' lines are followed relative to it.",
            "Import the virtual_server blocks of a keepalived.conf (schedulers, TUN/DR, persistence, checkers, quorum, sorry_server).",
            KeepalivedImporter.Import));
        return command;
    }

    private static ImportResult ImportIpvsadmFile(string path, ImportOptions options)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read: {e.Message}";
            throw new ConfigException([new ConfigError(path, 0, string.Empty, reason)]);
        }

        using (reader)
        {
            return IpvsadmImporter.Import(reader, path, options);
        }
    }

    private static Command CreateSubcommand(string name, string fileName, string fileHelp, string help, Func<string, ImportOptions, ImportResult> import)
    {
        var file = new Argument<string>(fileName) { Description = fileHelp };
        var tunnelSource = new Option<string[]>("--tunnel-source")
        {
            Description = "The director's own routable address (one IPv4, one IPv6); without it the YAML gets a placeholder to fill in.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the YAML to this file (atomically) instead of standard output.",
        };
        var command = new Command(name, help);
        command.Arguments.Add(file);
        command.Options.Add(tunnelSource);
        command.Options.Add(output);
        command.Action = new UsageErrorsExitTwo("import " + name, parseResult => Run(
            parseResult.GetValue(file)!,
            parseResult.GetValue(tunnelSource) ?? [],
            parseResult.GetValue(output),
            import));
        return command;
    }

    private static int Run(string path, string[] tunnelSources, string? output, Func<string, ImportOptions, ImportResult> import)
    {
        ImportOptions options;
        try
        {
            var addresses = new List<NetAddress>();
            foreach (string text in tunnelSources)
            {
                if (!NetAddress.TryParse(text, out NetAddress address) || (!text.Contains(':', StringComparison.Ordinal) && text.Count(c => c == '.') != 3))
                {
                    Console.Error.WriteLine($"import: --tunnel-source '{text}' is not an IPv4 or IPv6 address");
                    return ExitInvalid;
                }

                addresses.Add(address);
            }

            options = ImportOptions.FromTunnelSources(addresses);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"import: --tunnel-source: {e.Message}");
            return ExitInvalid;
        }

        ImportResult result;
        try
        {
            result = import(path, options);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"import: {path} cannot be imported; nothing was written. Fix:");
            foreach (ConfigError error in e.Errors)
            {
                Console.Error.WriteLine($"  {error}");
            }

            return ExitInvalid;
        }

        if (output is null)
        {
            Console.Out.Write(result.Yaml);
            Console.Out.Flush();
        }
        else if (!TryWriteAtomically(output, result.Yaml))
        {
            return ExitOutputFailed;
        }

        Report(result);
        return result.FullyMapped ? ExitOk : ExitUnmapped;
    }

    private static void Report(ImportResult result)
    {
        WriteList($"{result.Unmapped.Count} item(s) not mapped (also marked 'import:' in the YAML where they belong):", result.Unmapped);
        WriteList("warnings (imported, but check them):", result.Warnings);
        WriteList("to do before the file validates:", result.ToDo);
    }

    private static void WriteList(string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        Console.Error.WriteLine($"import: {title}");
        foreach (string item in items)
        {
            Console.Error.WriteLine($"  {item}");
        }
    }

    /// <summary>A temporary file beside the target, then a rename: a reader never sees half a configuration.</summary>
    private static bool TryWriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"import: cannot write {path}: {e.Message}");
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the target was not touched.
            }

            return false;
        }
    }
}
