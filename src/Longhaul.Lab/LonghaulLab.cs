using System.Diagnostics;
using Longhaul.Lab.Http;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Lab;

/// <summary>
/// A running lab: its topology, the processes it started and the ways to look at and change it. Made by
/// <see cref="Up"/> or found again by <see cref="Attach"/>; <see cref="Down"/> removes it (also after a crash).
/// </summary>
public sealed partial class LonghaulLab
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(1);

    private readonly LabProcessLauncher _launcher;
    private readonly List<LabProcess> _processes;

    private LonghaulLab(LabTopology topology, LabProcessLauncher launcher, IEnumerable<LabProcess> processes, TunnelKind encapsulation)
    {
        Topology = topology;
        _launcher = launcher;
        _processes = [.. processes];
        Encapsulation = encapsulation;
        Client = new LabHttpClient(LabTopology.ClientNamespace);
    }

    public LabTopology Topology { get; }

    public LabOptions Options => Topology.Options;

    public LabPaths Paths => _launcher.Paths;

    public IReadOnlyList<LabProcess> Processes => _processes;

    /// <summary>What the director(s) encapsulate with right now (tests switch it with <see cref="RestartDirectors"/>).</summary>
    public TunnelKind Encapsulation { get; private set; }

    /// <summary>An HTTP client whose connections start in lh-client.</summary>
    public LabHttpClient Client { get; }

    /// <summary>
    /// Builds the namespaces and links, starts the HTTP service on every real and (unless
    /// <see cref="LabOptions.StartBalancer"/> is off) the agents and the director, and waits until a request
    /// through the VIP is answered. Bounded by <paramref name="timeout"/>; on any failure everything is removed.
    /// </summary>
    public static LonghaulLab Up(LabOptions options, LonghaulExecutable executable, LabPaths? paths = null, Action<string>? progress = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(executable);
        Privileges.RequireRoot("building the lab's network namespaces");
        paths ??= LabPaths.Default;
        progress ??= static _ => { };
        var deadline = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(90);
        var topology = new LabTopology(options);
        if (LabStateStore.Read(paths) is not null || LabNetwork.ExistingNamespaces().Count > 0)
        {
            throw new LabException("a lab is already up (or left over): run `longhaul lab down` first");
        }

        PrepareDirectories(paths);
        var launcher = new LabProcessLauncher(paths, executable);
        var lab = new LonghaulLab(topology, launcher, [], options.Encapsulation);
        try
        {
            LabNetwork.Build(topology, progress);
            lab.StartServices();
            lab.WaitForServices(Remaining(deadline, limit));
            progress($"HTTP service answering on all {topology.Reals.Count} reals (client -> each real's own address)");
            if (options.StartBalancer)
            {
                if (options.UsesBgp)
                {
                    lab.StartBird();
                }

                lab.StartAgents();
                lab.WaitForAgents(Remaining(deadline, limit));
                progress($"real-server agents running on all {topology.Reals.Count} reals");
                foreach (LabDirector director in topology.Directors)
                {
                    lab.StartDirector(director);
                }

                lab.WaitForDirectors(Remaining(deadline, limit));
                if (options.UsesBgp)
                {
                    lab.WaitForEcmp(topology.Directors.Count, Remaining(deadline, limit));
                    progress($"internet router: ECMP route to the VIPs over all {topology.Directors.Count} directors, learnt over BGP");
                }

                lab.WaitForVip(Remaining(deadline, limit));
                progress($"director answering: a request to http://{LabTopology.VipV4}/ came back ({options.Encapsulation})");
            }

            lab.SaveState();
            return lab;
        }
        catch
        {
            string logs = lab.DeadProcessLogs();
            Down(paths);
            if (logs.Length > 0)
            {
                progress(logs);
            }

            throw;
        }
    }

    /// <summary>The lab described by the state file, or null when none is up.</summary>
    public static LonghaulLab? Attach(LonghaulExecutable executable, LabPaths? paths = null)
    {
        ArgumentNullException.ThrowIfNull(executable);
        paths ??= LabPaths.Default;
        LabState? state = LabStateStore.Read(paths);
        if (state is null)
        {
            return null;
        }

        var launcher = new LabProcessLauncher(paths, executable);
        var processes = launcher.ReadPidFiles();
        return new LonghaulLab(new LabTopology(state.Options), launcher, processes.Count > 0 ? processes : state.Processes, ReadEncapsulation(paths, state.Options));
    }

    /// <summary>
    /// Stops the director(s) and starts them again encapsulating with <paramref name="encapsulation"/>
    /// (the agents accept both IPIP and GUE at all times). Flow tables start empty.
    /// </summary>
    public void RestartDirectors(TunnelKind encapsulation, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);
        foreach (LabProcess director in _processes.Where(p => p.Kind == Kinds.Director).ToList())
        {
            _launcher.Stop(director, TimeSpan.FromSeconds(5));
            _processes.Remove(director);
            File.Delete(Topology.Directors.First(d => ProcessName(d) == director.Name).StatsFile(Paths));
        }

        Encapsulation = encapsulation;
        foreach (LabDirector director in Topology.Directors)
        {
            StartDirector(director);
        }

        WaitForDirectors(Remaining(clock, limit));
        WaitForVip(Remaining(clock, limit));
        SaveState();
    }

    /// <summary>Restarts the director(s) only if they encapsulate differently now.</summary>
    public void UseEncapsulation(TunnelKind encapsulation)
    {
        if (Encapsulation != encapsulation || _processes.Any(p => p.Kind == Kinds.Director && !p.IsAlive))
        {
            RestartDirectors(encapsulation);
        }
    }

    /// <summary>Turns the BCP38 filter of one data center's ISP router on or off.</summary>
    public void SetIspFilter(string dataCenter, bool enabled)
    {
        LabDataCenter dc = Topology.DataCenter(dataCenter);
        if (enabled)
        {
            if (!IspFilter.IsEnabled(dc))
            {
                IspFilter.Enable(dc);
            }
        }
        else
        {
            IspFilter.Disable(dc);
        }
    }

    public DirectorStats? ReadDirectorStats(int index = 1) => DirectorStats.TryRead(Topology.Directors[index - 1].StatsFile(Paths));

    /// <summary>Every director's counters added up: with several directors each carries part of the flows.</summary>
    public DirectorStats? ReadAllDirectorStats() => DirectorStats.Sum(Topology.Directors.Select(d => ReadDirectorStats(d.Index)));

    public AgentStats? ReadAgentStats(LabReal real)
    {
        ArgumentNullException.ThrowIfNull(real);
        return AgentStats.TryRead(AgentStatsFile(real));
    }

    public string AgentStatsFile(LabReal real)
    {
        ArgumentNullException.ThrowIfNull(real);
        return Paths.StatsFile(ProcessName(Kinds.Agent, real));
    }

    /// <summary>Waits until every stats file has been rewritten after this call (the daemons write at least once a second).</summary>
    public void WaitForFreshStats(TimeSpan? timeout = null)
    {
        var files = Topology.Directors.Select(d => d.StatsFile(Paths)).Concat(Topology.Reals.Select(AgentStatsFile)).Where(File.Exists).ToList();
        DateTime since = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(5);
        while (clock.Elapsed < limit && files.Any(f => File.GetLastWriteTimeUtc(f) <= since))
        {
            Thread.Sleep(100);
        }
    }

    /// <summary>The director's and agents' counters in one line each, for failure messages.</summary>
    public string DescribeCounters()
    {
        var text = new System.Text.StringBuilder();
        foreach (LabDirector director in Topology.Directors)
        {
            string file = director.StatsFile(Paths);
            text.AppendLine(File.Exists(file) ? File.ReadAllText(file) : $"{director.Name}: no stats");
        }

        foreach (LabReal real in Topology.Reals)
        {
            AgentStats? agent = ReadAgentStats(real);
            text.AppendLine(agent is null
                ? $"{real.Id}: no stats"
                : $"{real.Id}: received {agent.Received} decapsulated {agent.Decapsulated} drops {string.Join(",", agent.Drops.Where(d => d.Value > 0).Select(d => $"{d.Key}={d.Value}"))}");
        }

        return text.ToString();
    }

    internal static string ProcessName(LabDirector director) => $"{Kinds.Director}-{director.Name}";

    internal static string ProcessName(string kind, LabReal real) => $"{kind}-{real.Id}";

    private static TimeSpan Remaining(Stopwatch clock, TimeSpan limit)
    {
        TimeSpan left = limit - clock.Elapsed;
        return left > TimeSpan.Zero ? left : throw new LabException($"the lab did not come up within {limit.TotalSeconds:0} s");
    }

    private static void PrepareDirectories(LabPaths paths)
    {
        Directory.CreateDirectory(paths.Root);
        Directory.CreateDirectory(paths.Logs);
        Directory.CreateDirectory(paths.Pids);
        Directory.CreateDirectory(paths.Stats);
        Directory.CreateDirectory(paths.Bird);
        foreach (string old in Directory.EnumerateFiles(paths.Stats))
        {
            File.Delete(old);
        }
    }

    private static TunnelKind ReadEncapsulation(LabPaths paths, LabOptions options)
    {
        string config = Path.Combine(paths.Root, "dir1.yaml");
        return File.Exists(config) && File.ReadAllText(config).Contains("encapsulation: gue", StringComparison.Ordinal)
            ? TunnelKind.Gue
            : options.Encapsulation;
    }

    private void SaveState() =>
        LabStateStore.Write(Paths, new LabState(Options with { Encapsulation = Encapsulation }, DateTimeOffset.UtcNow, _processes));

    /// <summary>The process kinds, as they appear in names, pid files and `lab status`.</summary>
    internal static class Kinds
    {
        public const string Serve = "serve";
        public const string Agent = "agent";
        public const string Director = "director";
        public const string Bird = "bird";
    }
}
