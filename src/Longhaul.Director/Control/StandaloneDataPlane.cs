using System.Diagnostics;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Director.Workers;

namespace Longhaul.Director.Control;

/// <summary>
/// A data plane without I/O or routes: workers, flow tables and the snapshot in memory, driven by whoever calls
/// <see cref="ForwardingWorker.Process"/>. Lets the control plane (admin API, ctl, metrics) run and be tested
/// without root. Actions run inline on the caller's thread.
/// </summary>
public sealed class StandaloneDataPlane : IDataPlane
{
    private readonly SnapshotHolder _snapshots;
    private readonly List<ForwardingWorker> _workers = [];
    private readonly Func<long> _clock;
    private readonly Lock _gate = new();

    /// <param name="clock">The flow tables' millisecond clock; by default a monotonic stopwatch.</param>
    public StandaloneDataPlane(DirectorConfig config, int workers = 1, Func<long>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Config = config;
        _snapshots = new SnapshotHolder(SnapshotCompiler.Compile(config.Balancer));
        _clock = clock ?? (() => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency);
        int capacity = Math.Max(1024, config.Director.FlowTableSize / workers);
        for (int i = 0; i < workers; i++)
        {
            _workers.Add(new ForwardingWorker(
                new WorkerOptions(FlowCapacity: capacity, Timeouts: config.Director.Timeouts, NewFlowsPerSecond: config.Director.NewFlowsPerSecond),
                Connections));
        }
    }

    public DirectorConfig Config { get; private set; }

    public string Name => Config.Director.Name;

    public ForwardingSnapshot Snapshot => _snapshots.Current;

    public SnapshotHolder Snapshots => _snapshots;

    public IReadOnlyList<ForwardingWorker> Workers => _workers;

    public IReadOnlyList<IoCounters> Io { get; } = [];

    public ConnectionCounts Connections { get; } = new(ForwardingSnapshot.MaxReals);

    public long FlowClockMilliseconds => _clock();

    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            try
            {
                return Task.FromResult(action());
            }
#pragma warning disable CA1031 // Handed to the caller through the task, as the runtime's queue does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return Task.FromException<T>(e);
            }
        }
    }

    public void Apply(DirectorConfig config, ForwardingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshots.Publish(snapshot);
        Config = config;
    }
}
