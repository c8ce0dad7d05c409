using System.CommandLine;
using System.Diagnostics;
using Longhaul.Hashing;

namespace Longhaul.Cli.Commands;

/// <summary>
/// <c>longhaul hash-audit FILE|-</c>: shows on the operator's own names how many ids a hash would share, next
/// to the birthday-bound expectation, and which id scheme to use instead. Exit 0 without collisions, 1 with
/// (so it can guard a migration), 2 for bad usage or unreadable input. The work is in Longhaul.Hashing.
/// </summary>
internal static class HashAuditCommand
{
    private const int ExitClean = 0;
    private const int ExitCollisions = 1;
    private const int ExitUsage = 2;

    public static Command Create()
    {
        var input = new Argument<string?>("input")
        {
            Description = "File of names, one per line, or - for standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var hash = new Option<string>("--hash")
        {
            Description = "Id hash to audit: crc32, xxh32 (32-bit), xxh64, xxh3 (64-bit).",
            DefaultValueFactory = _ => "crc32",
        };
        var normalize = new Option<string>("--normalize")
        {
            Description = "none: hash lines as they are; domain: trim, lower-case, drop a trailing dot.",
            DefaultValueFactory = _ => "none",
        };
        var limit = new Option<int>("--limit")
        {
            Description = "Colliding ids to list with their names, largest groups first (0: none, and no second pass).",
            DefaultValueFactory = _ => 20,
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var emit = new Option<string?>("--emit")
        {
            Description = "csv: write name,id for every name to standard output; the report then goes to standard error.",
        };
        var synthetic = new Option<long?>("--synthetic")
        {
            Description = "Audit N generated domain-like names instead of input (for measurements).",
            Hidden = true,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the generated names.",
            DefaultValueFactory = _ => 1,
            Hidden = true,
        };

        var command = new Command(
            "hash-audit",
            "Count distinct names and the ids a hash gives them more than once, against the birthday bound; " +
            "recommend an id scheme. Exit 1 when ids collide.");
        command.Arguments.Add(input);
        command.Options.Add(hash);
        command.Options.Add(normalize);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.Options.Add(emit);
        command.Options.Add(synthetic);
        command.Options.Add(seed);
        command.Subcommands.Add(CreateGenerate());
        command.Action = new UsageErrorsExitTwo("hash-audit", parseResult => Audit(
            parseResult.GetValue(input),
            parseResult.GetValue(hash),
            parseResult.GetValue(normalize),
            parseResult.GetValue(limit),
            parseResult.GetValue(json),
            parseResult.GetValue(emit),
            parseResult.GetValue(synthetic),
            parseResult.GetValue(seed)));
        return command;
    }

    private static Command CreateGenerate()
    {
        var count = new Argument<long>("count") { Description = "How many names to write." };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed; the same seed always gives the same names.",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command(
            "generate",
            "Write COUNT distinct, reproducible, domain-like names (word123-word.tld), one per line, to standard output.");
        command.Arguments.Add(count);
        command.Options.Add(seed);
        command.Action = new UsageErrorsExitTwo("hash-audit generate", parseResult =>
        {
            long n = parseResult.GetValue(count);
            if (n < 0 || (ulong)n > SyntheticNames.Capacity)
            {
                return Fail($"count must be between 0 and {SyntheticNames.Capacity}.");
            }

            using Stream stdout = Console.OpenStandardOutput();
            using var output = new BufferedStream(stdout, 1 << 16);
            var names = new SyntheticNames(parseResult.GetValue(seed));
            Span<byte> line = stackalloc byte[SyntheticNames.MaxLength + 1];
            for (long i = 0; i < n; i++)
            {
                int length = names.Write(i, line);
                line[length] = (byte)'\n';
                output.Write(line[..(length + 1)]);
            }

            return ExitClean;
        });
        return command;
    }

    private static int Audit(
        string? input, string? hashName, string? normalizeName, int limit, bool json, string? emit, long? synthetic, ulong seed)
    {
        if (!NameHasher.TryParse(hashName, out NameHashAlgorithm algorithm))
        {
            return Fail($"unknown --hash '{hashName}'; use crc32, xxh32, xxh64 or xxh3.");
        }

        NameNormalization normalization;
        switch (normalizeName?.Trim().ToUpperInvariant())
        {
            case "NONE":
                normalization = NameNormalization.None;
                break;
            case "DOMAIN":
                normalization = NameNormalization.Domain;
                break;
            default:
                return Fail($"unknown --normalize '{normalizeName}'; use none or domain.");
        }

        if (limit < 0)
        {
            return Fail("--limit must be 0 or more.");
        }

        if (emit is not null && !emit.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"unknown --emit '{emit}'; the only format is csv.");
        }

        if ((input is null) == (synthetic is null))
        {
            return Fail("give one input: a FILE, or - for standard input.");
        }

        INameSource source;
        SpooledStreamNameSource? stdin = null;
        if (synthetic is long count)
        {
            if (count < 0 || (ulong)count > SyntheticNames.Capacity)
            {
                return Fail($"--synthetic must be between 0 and {SyntheticNames.Capacity}.");
            }

            source = new SyntheticNameSource(count, seed);
        }
        else if (input == "-")
        {
            // A pipe can be read once; spool it to a temporary file only when the second pass will be wanted.
            stdin = new SpooledStreamNameSource(Console.OpenStandardInput(), spool: limit > 0);
            source = stdin;
        }
        else if (Directory.Exists(input))
        {
            return Fail($"'{input}' is a directory, not a file of names.");
        }
        else if (!File.Exists(input))
        {
            return Fail($"no such file: '{input}'.");
        }
        else
        {
            source = new FileNameSource(input!);
        }

        bool csv = emit is not null;
        using Stream stdout = Console.OpenStandardOutput();
        using CsvIdWriter? writer = csv ? new CsvIdWriter(stdout) : null;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var auditor = new HashAuditor(new HashAuditOptions(algorithm, normalization, limit));
            HashAuditReport report = auditor.Run(source, writer);
            writer?.Flush();
            double seconds = stopwatch.Elapsed.TotalSeconds;
            long peak = PeakWorkingSet();

            if (json)
            {
                using Stream target = csv ? Console.OpenStandardError() : Console.OpenStandardOutput();
                HashAuditJsonWriter.Write(report, target, seconds, peak);
                target.Write("\n"u8);
            }
            else
            {
                TextWriter target = csv ? Console.Error : Console.Out;
                HashAuditTextFormatter.Write(report, target);
                target.WriteLine();
                target.WriteLine($"time {seconds:0.0} s, peak working set {peak / (1024.0 * 1024.0):N0} MiB");
            }

            return report.HasCollisions ? ExitCollisions : ExitClean;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read '{input}': {ex.Message}");
        }
        finally
        {
            stdin?.Dispose();
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"hash-audit: {message}");
        return ExitUsage;
    }
}
