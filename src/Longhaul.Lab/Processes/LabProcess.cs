namespace Longhaul.Lab.Processes;

/// <summary>
/// A background process the lab started in one of its namespaces. <see cref="StartTime"/> (field 22 of
/// /proc/PID/stat) tells this process apart from a later one that reuses the pid, so the lab only ever
/// signals what it started.
/// </summary>
/// <param name="Kind">serve, agent or director.</param>
public sealed record LabProcess(string Name, string Kind, string Namespace, int Pid, long StartTime, string LogFile)
{
    /// <summary>True while the process we started is still running (not exited, not a zombie, pid not reused).</summary>
    public bool IsAlive => ProcessStat.TryRead(Pid, out long startTime, out char state) && startTime == StartTime && state != 'Z';
}
