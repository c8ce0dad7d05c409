using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Director.Workers;

namespace Longhaul.Director.Control;

/// <summary>
/// What the control plane needs from whatever forwards packets: the running snapshot and the workers' state to
/// read, a clock for the flow tables, and a way to apply a new configuration on the thread that owns the
/// routes. <see cref="Runtime.DirectorRuntime"/> is the real one; <see cref="StandaloneDataPlane"/> runs
/// workers in memory for tests and demos.
/// </summary>
public interface IDataPlane
{
    string Name { get; }

    ForwardingSnapshot Snapshot { get; }

    /// <summary>The workers, for counters and read-only looks into their flow tables.</summary>
    IReadOnlyList<ForwardingWorker> Workers { get; }

    /// <summary>I/O counters, one per worker (empty when there is no I/O layer).</summary>
    IReadOnlyList<IoCounters> Io { get; }

    ConnectionCounts Connections { get; }

    /// <summary>The flow tables' millisecond clock, as the workers read it.</summary>
    long FlowClockMilliseconds { get; }

    /// <summary>
    /// Runs <paramref name="action"/> on the thread that owns the data plane's routes and sysctls (a network
    /// namespace belongs to a thread) and returns its result or exception.
    /// </summary>
    Task<T> InvokeAsync<T>(Func<T> action);

    /// <summary>Publishes <paramref name="snapshot"/> compiled from <paramref name="config"/> (routes first). Called through <see cref="InvokeAsync{T}"/>.</summary>
    void Apply(DirectorConfig config, ForwardingSnapshot snapshot);
}
