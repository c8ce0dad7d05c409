using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
using Longhaul.Linux;

namespace Longhaul.Lab;

/// <summary>Removing a lab: what the state and pid files name, then every lh-* namespace.</summary>
public sealed partial class LonghaulLab
{
    /// <summary>
    /// Stops every process the lab started (only those: by pid and start time from its pid and state files),
    /// deletes every lh-* namespace (and with them the veths, bridges, TUN devices, routes and nftables rules
    /// inside), and removes the state. Works after a crash, with or without a state file. Logs are kept.
    /// </summary>
    public static LabDownReport Down(LabPaths? paths = null)
    {
        Privileges.RequireRoot("removing the lab's network namespaces");
        paths ??= LabPaths.Default;
        var launcher = new LabProcessLauncher(paths, new LonghaulExecutable("longhaul", []));
        var processes = new Dictionary<int, LabProcess>();
        foreach (LabProcess process in launcher.ReadPidFiles())
        {
            processes[process.Pid] = process;
        }

        try
        {
            foreach (LabProcess process in LabStateStore.Read(paths)?.Processes ?? [])
            {
                processes.TryAdd(process.Pid, process);
            }
        }
        catch (LabException)
        {
            // An unreadable state file: the pid files and the name prefix still find everything.
        }

        int stopped = 0;
        int killed = 0;
        // Directors first: each withdraws its VIPs (BIRD still runs to tell the internet router) and takes its
        // routes and TUN device down while the rest still runs.
        foreach (LabProcess process in processes.Values.OrderBy(p => p.Kind == Kinds.Director ? 0 : 1))
        {
            if (process.IsAlive)
            {
                if (launcher.Stop(process, TimeSpan.FromSeconds(5)))
                {
                    stopped++;
                }
                else
                {
                    killed++;
                }
            }
            else
            {
                File.Delete(paths.PidFile(process.Name));
            }
        }

        IReadOnlyList<string> namespaces = LabNetwork.DeleteNamespaces();
        LabStateStore.Delete(paths);
        foreach (string directory in new[] { paths.Pids, paths.Stats, paths.Bird })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        if (Directory.Exists(paths.Root))
        {
            foreach (string config in Directory.EnumerateFiles(paths.Root, "*.yaml"))
            {
                File.Delete(config);
            }
        }

        return new LabDownReport(stopped, killed, namespaces);
    }
}
