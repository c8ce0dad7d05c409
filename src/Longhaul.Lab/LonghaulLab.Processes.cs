using System.Diagnostics;
using System.Globalization;
using System.Text;
using Longhaul.Lab.Http;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>Starting the lab's processes and waiting, within a bound, until each does its job.</summary>
public sealed partial class LonghaulLab
{
    private void StartServices()
    {
        foreach (LabReal real in Topology.Reals)
        {
            LaunchService(real);
        }
    }

    private void LaunchService(LabReal real) =>
        _processes.Add(_launcher.StartLonghaul(
            ProcessName(Kinds.Serve, real),
            Kinds.Serve,
            real.Namespace,
            ["lab", "serve", "--name", real.Name, "--dc", real.DataCenter, "--port", LabTopology.ServicePort.ToString(CultureInfo.InvariantCulture)]));

    private void StartAgents()
    {
        foreach (LabReal real in Topology.Reals)
        {
            var arguments = new List<string> { "realserver", "run", "--vip", LabTopology.VipV4 };
            if (Options.Ipv6)
            {
                arguments.AddRange(["--vip", LabTopology.VipV6]);
            }

            foreach (LabDirector director in Topology.Directors)
            {
                arguments.AddRange(["--allow", director.AddressV4]);
                if (Options.Ipv6)
                {
                    arguments.AddRange(["--allow", director.AddressV6]);
                }
            }

            arguments.AddRange(["--gue-port", Options.GuePort.ToString(CultureInfo.InvariantCulture), "--stats-file", AgentStatsFile(real)]);
            _processes.Add(_launcher.StartLonghaul(ProcessName(Kinds.Agent, real), Kinds.Agent, real.Namespace, arguments));
        }
    }

    private void StartDirector(LabDirector director)
    {
        string config = director.ConfigFile(Paths);
        File.WriteAllText(config, DirectorConfigWriter.Render(Topology, director, Paths, Encapsulation, _configuredReals));
        _processes.Add(_launcher.StartLonghaul(ProcessName(director), Kinds.Director, director.Namespace, ["director", "run", "-c", config]));
    }

    /// <summary>Every real answers on its own address from the client namespace: routing works both ways.</summary>
    private void WaitForServices(TimeSpan timeout)
    {
        var pending = new HashSet<LabReal>(Topology.Reals);
        WaitUntil(timeout, "the HTTP service on every real", () =>
        {
            Parallel.ForEach(pending.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, real =>
            {
                LabHttpResult answer = Client.Get(real.AddressV4, "/", s_probeTimeout);
                if (answer.Ok && answer.Real == real.Name)
                {
                    lock (pending)
                    {
                        pending.Remove(real);
                    }
                }
            });
            return pending.Count == 0;
        }, Kinds.Serve, () => "not answering: " + string.Join(", ", pending.Select(r => $"{r.Id} ({r.AddressV4})")));
    }

    /// <summary>Each agent has written its stats file once: its sockets and TUN device are open.</summary>
    private void WaitForAgents(TimeSpan timeout) =>
        WaitUntil(timeout, "the real-server agents", () => Topology.Reals.All(r => File.Exists(AgentStatsFile(r))), Kinds.Agent,
            () => "no stats yet from: " + string.Join(", ", Topology.Reals.Where(r => !File.Exists(AgentStatsFile(r))).Select(r => r.Id)));

    private void WaitForDirectors(TimeSpan timeout) =>
        WaitUntil(timeout, "the director", () => Topology.Directors.All(d => File.Exists(d.StatsFile(Paths))), Kinds.Director, () => "no stats file yet");

    private void WaitForVip(TimeSpan timeout) =>
        WaitUntil(timeout, $"an answer through the VIP {LabTopology.VipV4}", () => Client.Get(LabTopology.VipV4, "/", s_probeTimeout).Ok, Kinds.Director, () => "no answer");

    private void WaitUntil(TimeSpan timeout, string what, Func<bool> ready, string kind, Func<string> detail)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            LabProcess? dead = _processes.FirstOrDefault(p => p.Kind == kind && !p.IsAlive);
            if (dead is not null)
            {
                throw new LabException($"{dead.Name} exited while waiting for {what}; its log ({dead.LogFile}) ends:\n{LabProcessLauncher.LogTail(dead)}");
            }

            if (ready())
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new LabException($"gave up waiting for {what} after {timeout.TotalSeconds:0} s: {detail()}");
            }

            Thread.Sleep(200);
        }
    }

    private string DeadProcessLogs()
    {
        var text = new StringBuilder();
        foreach (LabProcess process in _processes.Where(p => !p.IsAlive))
        {
            text.Append(CultureInfo.InvariantCulture, $"{process.Name} is not running; {process.LogFile} ends:\n{LabProcessLauncher.LogTail(process, 8)}\n");
        }

        return text.ToString();
    }
}
