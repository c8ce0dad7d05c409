using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Longhaul.Linux;

/// <summary>
/// Runs iproute2's `ip` for the things that are simplest there: addresses, routes, veth pairs, namespaces.
/// Arguments always go through <see cref="ProcessStartInfo.ArgumentList"/>, never a shell string, so device
/// names and prefixes cannot inject anything. A failure throws <see cref="IpCommandException"/> with ip's
/// stderr. An instance made by <see cref="InNamespace"/> adds `-n NAME` to every link/address/route command.
/// </summary>
/// <remarks>
/// The child process inherits the network namespace of the calling thread, so an instance without a namespace
/// used inside <see cref="NetworkNamespace.Run{T}(Func{T})"/> acts in that namespace.
/// </remarks>
public sealed class IpCommand
{
    private static readonly string[] s_candidates = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"];
    private static readonly Lazy<string> s_program = new(() => Array.Find(s_candidates, File.Exists) ?? "ip");

    private IpCommand(string? networkNamespace) => Namespace = networkNamespace;

    /// <summary>Commands in the calling thread's namespace.</summary>
    public static IpCommand Current { get; } = new(null);

    /// <summary>The named namespace, or null for the calling thread's.</summary>
    public string? Namespace { get; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public static IpCommand InNamespace(string networkNamespace)
    {
        NetworkNamespace.ValidateName(networkNamespace);
        return new IpCommand(networkNamespace);
    }

    /// <summary>Runs `ip [-n NS] ARGS...` and returns its standard output.</summary>
    public string Run(params IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (Namespace is null)
        {
            return RunGlobal(arguments, Timeout);
        }

        var withNamespace = new List<string>(arguments.Count + 2) { "-n", Namespace };
        withNamespace.AddRange(arguments);
        return RunGlobal(withNamespace, Timeout);
    }

    public void AddAddress(string device, string cidr) => Run("address", "add", cidr, "dev", device);

    public void DeleteAddress(string device, string cidr) => Run("address", "del", cidr, "dev", device);

    public void LinkSetUp(string device) => Run("link", "set", "dev", device, "up");

    public void LinkSetDown(string device) => Run("link", "set", "dev", device, "down");

    public void LinkSetMtu(string device, int mtu) => Run("link", "set", "dev", device, "mtu", mtu.ToString());

    public void DeleteLink(string device) => Run("link", "del", "dev", device);

    public bool LinkExists(string device)
    {
        try
        {
            Run("link", "show", "dev", device);
            return true;
        }
        catch (IpCommandException)
        {
            return false;
        }
    }

    /// <summary>Moves <paramref name="device"/> into the network namespace <paramref name="targetNamespace"/>.</summary>
    public void MoveLinkToNamespace(string device, string targetNamespace) =>
        Run("link", "set", "dev", device, "netns", targetNamespace);

    /// <summary>
    /// Creates a veth pair; with <paramref name="peerNamespace"/> the peer end is created straight in that
    /// namespace. Both ends start down.
    /// </summary>
    public void AddVethPair(string name, string peerName, string? peerNamespace = null)
    {
        NetworkLink.ValidateName(name);
        NetworkLink.ValidateName(peerName);
        var arguments = new List<string> { "link", "add", name, "type", "veth", "peer", "name", peerName };
        if (peerNamespace is not null)
        {
            arguments.AddRange(["netns", peerNamespace]);
        }

        Run(arguments);
    }

    /// <summary>
    /// `ip route add PREFIX [via GW] [dev DEV] [advmss N] [table T]`. <paramref name="advmss"/> lowers the TCP
    /// MSS the local stack advertises for the route (how a real server keeps replies within the tunnel MTU).
    /// </summary>
    public void AddRoute(string prefix, string? device = null, string? via = null, int? advmss = null, string? table = null) =>
        Run(RouteArguments("add", prefix, device, via, advmss, table));

    /// <summary>Like <see cref="AddRoute"/> but replaces an existing route to the same prefix.</summary>
    public void ReplaceRoute(string prefix, string? device = null, string? via = null, int? advmss = null, string? table = null) =>
        Run(RouteArguments("replace", prefix, device, via, advmss, table));

    public void DeleteRoute(string prefix, string? table = null) =>
        Run(RouteArguments("del", prefix, device: null, via: null, advmss: null, table));

    /// <summary>`ip route get DESTINATION`'s text: the route the kernel would use.</summary>
    public string RouteGet(string destination) => Run("route", "get", destination).Trim();

    /// <summary>The advmss metric on the route the kernel would use for <paramref name="destination"/>, if any.</summary>
    public int? RouteGetAdvmss(string destination)
    {
        string json = Run("-j", "route", "get", destination);
        using var document = JsonDocument.Parse(json);
        foreach (JsonElement route in document.RootElement.EnumerateArray())
        {
            if (!route.TryGetProperty("metrics", out JsonElement metrics))
            {
                continue;
            }

            foreach (JsonElement metric in metrics.EnumerateArray())
            {
                if (metric.TryGetProperty("advmss", out JsonElement advmss))
                {
                    return advmss.GetInt32();
                }
            }
        }

        return null;
    }

    // Namespace management is global: `-n` does not apply, so these go through RunGlobal.

    /// <summary>`ip netns add NAME`: a new, empty network namespace (only `lo`, down) pinned at /run/netns/NAME.</summary>
    public static void AddNamespace(string name)
    {
        NetworkNamespace.ValidateName(name);
        RunGlobal(["netns", "add", name]);
    }

    public static void DeleteNamespace(string name)
    {
        NetworkNamespace.ValidateName(name);
        RunGlobal(["netns", "del", name]);
    }

    public static IReadOnlyList<string> ListNamespaces()
    {
        string output = RunGlobal(["netns", "list"]);
        var names = new List<string>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "name (id: 3)" once the namespace has an id.
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            names.Add(space < 0 ? line : line[..space]);
        }

        return names;
    }

    /// <summary>`ip netns exec NAME PROGRAM ARGS...`; returns the program's standard output.</summary>
    public static string Exec(string networkNamespace, string program, params IReadOnlyList<string> arguments)
    {
        NetworkNamespace.ValidateName(networkNamespace);
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new List<string>(arguments.Count + 4) { "netns", "exec", networkNamespace, program };
        all.AddRange(arguments);
        return RunGlobal(all);
    }

    private static List<string> RouteArguments(string verb, string prefix, string? device, string? via, int? advmss, string? table)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var arguments = new List<string> { "route", verb, prefix };
        if (via is not null)
        {
            arguments.AddRange(["via", via]);
        }

        if (device is not null)
        {
            arguments.AddRange(["dev", device]);
        }

        if (advmss is { } mss)
        {
            arguments.AddRange(["advmss", mss.ToString()]);
        }

        if (table is not null)
        {
            arguments.AddRange(["table", table]);
        }

        return arguments;
    }

    private static string RunGlobal(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(s_program.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IpCommandException(arguments, -1, "the process did not start");
        }
        catch (Win32Exception e)
        {
            throw new IpCommandException(arguments, -1, $"cannot run {start.FileName}: {e.Message} (is iproute2 installed?)");
        }

        using (process)
        {
            // Read both pipes concurrently so a chatty stderr cannot block ip while we wait on stdout.
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new IpCommandException(arguments, -1, "timed out");
            }

            process.WaitForExit(); // flushes the redirected streams
            string standardError = error.GetAwaiter().GetResult();
            return process.ExitCode == 0
                ? output.GetAwaiter().GetResult()
                : throw new IpCommandException(arguments, process.ExitCode, standardError);
        }
    }
}
