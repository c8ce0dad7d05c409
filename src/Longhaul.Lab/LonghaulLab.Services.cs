using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>Stopping and starting the demo HTTP service of one real, so health checks have something to find.</summary>
public sealed partial class LonghaulLab
{
    /// <summary>Stops the HTTP service the lab started on <paramref name="real"/> (by its pid); the agent keeps running.</summary>
    public void StopService(LabReal real)
    {
        ArgumentNullException.ThrowIfNull(real);
        string name = ProcessName(Kinds.Serve, real);
        foreach (LabProcess service in _processes.Where(p => p.Kind == Kinds.Serve && p.Name == name).ToList())
        {
            _launcher.Stop(service, TimeSpan.FromSeconds(5));
            _processes.Remove(service);
        }

        SaveState();
    }

    /// <summary>Starts the HTTP service on <paramref name="real"/> again and waits until it answers on the real's own address.</summary>
    public void StartService(LabReal real, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        string name = ProcessName(Kinds.Serve, real);
        if (!_processes.Any(p => p.Name == name && p.IsAlive))
        {
            _processes.RemoveAll(p => p.Name == name);
            LaunchService(real);
            SaveState();
        }

        WaitUntil(timeout ?? TimeSpan.FromSeconds(15), $"the HTTP service on {real.Id}", () =>
        {
            Http.LabHttpResult answer = Client.Get(real.AddressV4, "/", s_probeTimeout);
            return answer.Ok && answer.Real == real.Name;
        }, Kinds.Serve, () => "not answering");
    }
}
