using System.Diagnostics;
using Longhaul.Lab.Bgp;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
using Longhaul.Linux;

namespace Longhaul.Lab;

/// <summary>Several directors: BIRD in the internet router and in each director, and the ECMP route (each director announces itself).</summary>
public sealed partial class LonghaulLab
{
    private const string BirdProgram = "/usr/sbin/bird";
    private const string BirdClient = "/usr/sbin/birdc";

    /// <summary>The reals the directors are configured with right now (null: all of them).</summary>
    private IReadOnlyCollection<LabReal>? _configuredReals;

    /// <summary>The BIRD control socket of a namespace (lh-inet or a director's).</summary>
    public string BirdSocket(string ns) => Path.Combine(Paths.Bird, ns + ".ctl");

    /// <summary>The directors that are next hops of the internet router's route to <paramref name="vip"/> now.</summary>
    public IReadOnlyList<LabDirector> EcmpNextHops(string vip)
    {
        string route = IpCommand.InNamespace(LabTopology.InternetNamespace).Run(vip.Contains(':', StringComparison.Ordinal) ? "-6" : "-4", "route", "show", vip);
        return Topology.Directors.Where(d => route.Contains("via " + (vip.Contains(':', StringComparison.Ordinal) ? d.AddressV6 : d.AddressV4) + " ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>`ip route show VIP` in lh-inet, for both VIP families.</summary>
    public string DescribeEcmpRoutes()
    {
        var inet = IpCommand.InNamespace(LabTopology.InternetNamespace);
        string text = inet.Run("-4", "route", "show", LabTopology.VipV4).TrimEnd();
        return Options.Ipv6 ? text + "\n" + inet.Run("-6", "route", "show", LabTopology.VipV6).TrimEnd() : text;
    }

    /// <summary>`birdc show protocols` in lh-inet: one BGP session per director and family.</summary>
    public string DescribeBgpSessions() =>
        CommandRunner.Run("ip", ["netns", "exec", LabTopology.InternetNamespace, BirdClient, "-s", BirdSocket(LabTopology.InternetNamespace), "show", "protocols"], timeout: TimeSpan.FromSeconds(5)).TrimEnd();

    /// <summary>
    /// Kills a director's process with SIGKILL, as a crash would: nothing withdraws its VIPs but the kernel, which
    /// deletes the announce routes through the TUN device as the device goes (BIRD keeps running and notices).
    /// </summary>
    public LabProcess KillDirector(int index)
    {
        LabDirector director = Topology.Directors[index - 1];
        LabProcess process = _processes.First(p => p.Name == ProcessName(director) && p.Kind == Kinds.Director);
        LabProcessLauncher.Kill(process);
        return process;
    }

    /// <summary>Starts every director whose process is gone, and waits until it is back in the ECMP route.</summary>
    public void RestartDeadDirectors(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);
        foreach (LabDirector director in Topology.Directors)
        {
            LabProcess? process = _processes.FirstOrDefault(p => p.Name == ProcessName(director) && p.Kind == Kinds.Director);
            if (process is null || !process.IsAlive)
            {
                if (process is not null)
                {
                    _processes.Remove(process);
                    File.Delete(Paths.PidFile(process.Name));
                }

                File.Delete(director.StatsFile(Paths));
                StartDirector(director);
            }
        }

        WaitForDirectors(Remaining(clock, limit));
        if (Options.UsesBgp)
        {
            WaitForEcmp(Topology.Directors.Count, Remaining(clock, limit));
        }

        SaveState();
    }

    /// <summary>
    /// Rewrites every director's config with these reals and sends each a SIGHUP: the directors reload
    /// without dropping their flow tables, as an operator changing the real set would.
    /// </summary>
    public void ReconfigureDirectors(IReadOnlyCollection<LabReal>? reals)
    {
        _configuredReals = reals;
        foreach (LabDirector director in Topology.Directors)
        {
            File.WriteAllText(director.ConfigFile(Paths), DirectorConfigWriter.Render(Topology, director, Paths, Encapsulation, reals));
            LabProcess? process = _processes.FirstOrDefault(p => p.Name == ProcessName(director) && p.Kind == Kinds.Director);
            if (process is not null)
            {
                LabProcessLauncher.Hangup(process);
            }
        }
    }

    /// <summary>
    /// Rewrites one director's config (as the lab writes it, then changed by <paramref name="edit"/>) and sends it
    /// a SIGHUP: how a test makes one director differ from the others (a quorum it cannot meet, another weight).
    /// <see cref="ReconfigureDirectors"/> puts every director back on the lab's config.
    /// </summary>
    public void ReconfigureDirector(int index, Func<string, string> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        LabDirector director = Topology.Directors[index - 1];
        string yaml = DirectorConfigWriter.Render(Topology, director, Paths, Encapsulation, _configuredReals);
        File.WriteAllText(director.ConfigFile(Paths), edit(yaml));
        LabProcess? process = _processes.FirstOrDefault(p => p.Name == ProcessName(director) && p.Kind == Kinds.Director);
        if (process is not null)
        {
            LabProcessLauncher.Hangup(process);
        }
    }

    /// <summary>The director's admin socket (`longhaul ctl -s SOCKET`): the default for its name, /run/longhaul/dirN.sock.</summary>
    public static string AdminSocket(LabDirector director)
    {
        ArgumentNullException.ThrowIfNull(director);
        return $"/run/longhaul/{director.Name}.sock";
    }

    /// <summary>Waits until the internet router's routes to both VIPs have exactly <paramref name="directors"/> next hops.</summary>
    public void WaitForEcmp(int directors, TimeSpan timeout) =>
        WaitUntil(timeout, $"an ECMP route over {directors} directors in {LabTopology.InternetNamespace}",
            () => EcmpNextHops(LabTopology.VipV4).Count == directors && (!Options.Ipv6 || EcmpNextHops(LabTopology.VipV6).Count == directors),
            Kinds.Bird, () => DescribeEcmpRoutes() + "\n" + DescribeBgpSessions());

    private void StartBird()
    {
        if (!File.Exists(BirdProgram))
        {
            throw new LabException($"several directors need BIRD 2 ({BirdProgram}): apt-get install bird2");
        }

        Directory.CreateDirectory(Paths.Bird);
        StartBirdIn(LabTopology.InternetNamespace, BirdConfig.RenderInternet(Topology));
        foreach (LabDirector director in Topology.Directors)
        {
            StartBirdIn(director.Namespace, BirdConfig.RenderDirector(Topology, director));
        }
    }

    private void StartBirdIn(string ns, string config)
    {
        string file = Path.Combine(Paths.Bird, ns + ".conf");
        File.WriteAllText(file, config);

        // -f: stay in the foreground, so the pid the launcher records is BIRD's own.
        _processes.Add(_launcher.Start($"{Kinds.Bird}-{ns}", Kinds.Bird, ns, [BirdProgram, "-f", "-c", file, "-s", BirdSocket(ns)]));
    }
}
