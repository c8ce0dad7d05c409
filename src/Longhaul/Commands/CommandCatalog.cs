using System.CommandLine;

namespace Longhaul.Cli.Commands;

/// <summary>Every top-level subcommand, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return HashAuditCommand.Create();
        yield return BenchCommand.Create();
        yield return DirectorCommand.Create();
        yield return RealServerCommand.Create();
        yield return LabCommand.Create();
        yield return EgressCheckCommand.Create();
        yield return CtlCommand.Create();
        yield return ImportCommand.Create();
    }
}
