using System.CommandLine;

namespace Longhaul.Cli.Ctl;

/// <summary>The ipvsadm-like options the ctl subcommands share (-t/-u, -r, -w, -s, -p, -M, -b).</summary>
internal static class CtlOptions
{
    public static Option<string> Socket { get; } = new("--socket")
    {
        Description = "The director's admin socket (default: admin-socket from -c FILE, else /run/longhaul/director.sock).",
        Recursive = true,
    };

    public static Option<string> Config { get; } = new("--config", "-c")
    {
        Description = "The director's configuration file, to find its admin socket.",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print the director's JSON answer as is." };

    public static Option<string> Tcp() => new("--tcp-service", "-t") { Description = "TCP virtual service VIP:PORT ([v6]:port)." };

    public static Option<string> Udp() => new("--udp-service", "-u") { Description = "UDP virtual service VIP:PORT." };

    public static Option<string> Real(bool required) => new("--real-server", "-r") { Description = "Real server RIP[:PORT].", Required = required };

    public static Option<int?> Weight() => new("--weight", "-w") { Description = "Weight 0..65535 (0: no new flows)." };

    public static Option<string> Scheduler() => new("--scheduler", "-s") { Description = "rr, wrr, lc, wlc, sed, nq, sh, dh or mh (Maglev, the default)." };

    public static Option<int?> Persistent() => new("--persistent", "-p")
    {
        Description = "Persistence timeout in seconds (360 when given without a value; 0 turns it off).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string> Netmask() => new("--netmask", "-M") { Description = "Persistence granularity: 255.255.255.0 or /24." };

    public static Option<string> Flags() => new("--sched-flags", "-b") { Description = "Scheduler flags, comma-separated: sh-port,sh-fallback,mh-port,mh-fallback." };

    public static Option<string> DataCenter() => new("--dc") { Description = "Data-center label." };

    public static Option<string> Encapsulation() => new("--encapsulation") { Description = "Per-real encapsulation: ipip or gue." };
}
