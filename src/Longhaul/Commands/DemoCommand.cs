using System.CommandLine;

namespace Longhaul.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Push synthetic client traffic through the forwarding core and show how flows spread.");
        command.SetAction(_ =>
        {
            Console.WriteLine("demo: not yet implemented");
            return 0;
        });
        return command;
    }
}
