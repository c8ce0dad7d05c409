using System.CommandLine;
using Longhaul.Cli.Commands;

namespace Longhaul.Cli;

/// <summary>The single <c>longhaul</c> command. Each subcommand lives in its own file under Commands/.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "Longhaul: an LVS-Tun style Layer-4 load balancer. The director wraps client packets in IPIP or GUE " +
            "and sends them to real servers in any data center; the real servers answer clients directly.");
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args).Invoke();
    }
}
