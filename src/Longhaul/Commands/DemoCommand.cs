using System.CommandLine;
using Longhaul.Cli.Demo;

namespace Longhaul.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var connections = new Option<int>("--connections")
        {
            Description = "Client connections to simulate.",
            DefaultValueFactory = _ => 30_000,
        };
        var packets = new Option<int>("--packets")
        {
            Description = "Packets per connection (the first is a SYN).",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command(
            "demo",
            "Push synthetic client traffic through the forwarding core (no network or root needed) and show how " +
            "flows spread over the seed's 12 reals in 5 data centers, that 3 directors agree, and what draining and failure do.")
        {
            connections,
            packets,
        };
        command.SetAction(parseResult =>
        {
            int count = parseResult.GetValue(connections);
            int perConnection = parseResult.GetValue(packets);
            if (count is < 1 or > 1_000_000 || perConnection is < 1 or > 1000)
            {
                Console.Error.WriteLine("demo: --connections must be 1..1000000 and --packets 1..1000");
                return 2;
            }

            return new ForwardingDemo(Console.Out, count, perConnection).Run();
        });
        return command;
    }
}
