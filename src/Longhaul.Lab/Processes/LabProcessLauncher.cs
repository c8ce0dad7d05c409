using System.Diagnostics;
using System.Globalization;

namespace Longhaul.Lab.Processes;

/// <summary>
/// Starts lab processes in the background, detached from the caller, so they outlive `longhaul lab up`:
/// `setsid ip netns exec NS PROGRAM ARGS... &lt;/dev/null &gt;&gt;LOG 2&gt;&amp;1 &amp;`. Neither setsid (the child
/// of a non-interactive shell is no group leader, so it does not fork) nor `ip netns exec` forks, so the pid
/// the shell reports is the pid of the program itself. Each start writes a pid file at once, so even a crash
/// of the caller leaves enough for `lab down` to find and stop exactly what was started.
/// </summary>
public sealed class LabProcessLauncher(LabPaths paths, LonghaulExecutable executable)
{
    // $1 is the log file; the rest is the command. No value is ever spliced into the script itself.
    private const string DetachScript = "log=\"$1\"; shift; setsid \"$@\" </dev/null >>\"$log\" 2>&1 & echo $!";

    public LabPaths Paths { get; } = paths;

    public LonghaulExecutable Executable { get; } = executable;

    /// <summary>Starts `longhaul ARGS...` inside namespace <paramref name="ns"/>.</summary>
    public LabProcess StartLonghaul(string name, string kind, string ns, IReadOnlyList<string> arguments) =>
        Start(name, kind, ns, Executable.CommandLine(arguments));

    /// <summary>Starts <paramref name="commandLine"/> (program first) inside namespace <paramref name="ns"/>.</summary>
    public LabProcess Start(string name, string kind, string ns, IReadOnlyList<string> commandLine)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(commandLine);
        Directory.CreateDirectory(Paths.Logs);
        Directory.CreateDirectory(Paths.Pids);
        string log = Paths.LogFile(name);
        File.AppendAllText(log, $"--- {DateTimeOffset.UtcNow:O} starting in {ns}: {string.Join(' ', commandLine)}\n");

        var command = new List<string> { "-c", DetachScript, "sh", log, "ip", "netns", "exec", ns };
        command.AddRange(commandLine);
        string output = CommandRunner.Run("/bin/sh", command, timeout: TimeSpan.FromSeconds(10));
        if (!int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 1)
        {
            throw new LabException($"starting {name}: the shell reported no pid ('{output.Trim()}')");
        }

        ProcessStat.TryRead(pid, out long startTime, out _);
        var process = new LabProcess(name, kind, ns, pid, startTime, log);
        File.WriteAllText(Paths.PidFile(name), $"{pid} {startTime} {kind} {ns}\n");
        return process;
    }

    /// <summary>SIGKILL at once, as a crash would; false if the process was not running (or its pid was reused).</summary>
    public static bool Kill(LabProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.IsAlive)
        {
            return false;
        }

        _ = Interop.Libc.Kill(process.Pid, Interop.Libc.SIGKILL);
        var clock = Stopwatch.StartNew();
        while (process.IsAlive && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>SIGHUP (the director reloads its config); false if the process was not running.</summary>
    public static bool Hangup(LabProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return process.IsAlive && Interop.Libc.Kill(process.Pid, Interop.Libc.SIGHUP) == 0;
    }

    /// <summary>
    /// SIGTERM, then SIGKILL after <paramref name="grace"/>. Only a process whose start time still matches is
    /// signalled; returns false if it had to be killed.
    /// </summary>
    public bool Stop(LabProcess process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        bool graceful = true;
        if (process.IsAlive)
        {
            _ = Interop.Libc.Kill(process.Pid, Interop.Libc.SIGTERM);
            var clock = Stopwatch.StartNew();
            while (process.IsAlive && clock.Elapsed < grace)
            {
                Thread.Sleep(50);
            }

            if (process.IsAlive)
            {
                graceful = false;
                _ = Interop.Libc.Kill(process.Pid, Interop.Libc.SIGKILL);
                clock.Restart();
                while (process.IsAlive && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    Thread.Sleep(20);
                }
            }
        }

        File.Delete(Paths.PidFile(process.Name));
        return graceful;
    }

    /// <summary>Every process a pid file names, whatever the state file says (it may never have been written).</summary>
    public IReadOnlyList<LabProcess> ReadPidFiles()
    {
        var processes = new List<LabProcess>();
        if (!Directory.Exists(Paths.Pids))
        {
            return processes;
        }

        foreach (string file in Directory.EnumerateFiles(Paths.Pids, "*.pid"))
        {
            string[] parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length >= 4
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long startTime))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                processes.Add(new LabProcess(name, parts[2], parts[3], pid, startTime, Paths.LogFile(name)));
            }
            else
            {
                File.Delete(file);
            }
        }

        return processes;
    }

    /// <summary>The last lines of a process's log, to say why it stopped.</summary>
    public static string LogTail(LabProcess process, int lines = 15)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!File.Exists(process.LogFile))
        {
            return "(no log)";
        }

        string[] all = File.ReadAllLines(process.LogFile);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
