namespace Longhaul.Lab;

/// <summary>Where the lab keeps its state, configs, pid files, stats and logs. Everything under one root.</summary>
public sealed record LabPaths(string Root)
{
    public static LabPaths Default { get; } = new("/run/longhaul-lab");

    public string StateFile => Path.Combine(Root, "state.json");

    public string Logs => Path.Combine(Root, "logs");

    /// <summary>One file per started process ("PID STARTTIME"), written before the state file, so a crash mid-up still leaves them.</summary>
    public string Pids => Path.Combine(Root, "pids");

    public string Stats => Path.Combine(Root, "stats");

    /// <summary>BIRD configs and control sockets (several directors only).</summary>
    public string Bird => Path.Combine(Root, "bird");

    public string LogFile(string processName) => Path.Combine(Logs, processName + ".log");

    public string PidFile(string processName) => Path.Combine(Pids, processName + ".pid");

    public string StatsFile(string processName) => Path.Combine(Stats, processName + ".json");
}
