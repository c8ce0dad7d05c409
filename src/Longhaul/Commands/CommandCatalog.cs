using System.CommandLine;

namespace Longhaul.Cli.Commands;

/// <summary>Every top-level subcommand, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DirectorCommand.Create();
        yield return CtlCommand.Create();
        yield return RealServerCommand.Create();
        yield return EgressCheckCommand.Create();
        yield return ImportCommand.Create();
        yield return LabCommand.Create();
        yield return DemoCommand.Create();
        yield return BenchCommand.Create();
        yield return HashAuditCommand.Create();
    }
}
