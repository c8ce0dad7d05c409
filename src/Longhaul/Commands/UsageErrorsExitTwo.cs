using System.CommandLine;
using System.CommandLine.Invocation;

namespace Longhaul.Cli.Commands;

/// <summary>
/// Runs a command's action even when parsing failed, so that a usage error exits 2 as every command
/// documents: System.CommandLine's own error path exits 1, which these commands use for "collisions found",
/// "a real is blocked" or "cannot run", and a script must be able to tell those apart from a typo.
/// </summary>
/// <param name="commandPath">The command as typed after <c>longhaul</c>, e.g. "egress-check send".</param>
internal sealed class UsageErrorsExitTwo(string commandPath, Func<ParseResult, int> run) : SynchronousCommandLineAction
{
    public const int ExitUsage = 2;

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        // Clearing parse errors also clears "unrecognized token" ones, so those are checked here by hand.
        if (parseResult.Errors.Count == 0 && parseResult.UnmatchedTokens.Count == 0)
        {
            return run(parseResult);
        }

        foreach (System.CommandLine.Parsing.ParseError error in parseResult.Errors)
        {
            Console.Error.WriteLine($"{commandPath}: {error.Message}");
        }

        foreach (string token in parseResult.UnmatchedTokens)
        {
            Console.Error.WriteLine($"{commandPath}: unrecognized argument '{token}'.");
        }

        Console.Error.WriteLine($"Run 'longhaul {commandPath} --help' for usage.");
        return ExitUsage;
    }
}
