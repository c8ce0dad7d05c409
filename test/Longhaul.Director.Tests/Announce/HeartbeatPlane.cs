using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Workers;

namespace Longhaul.Director.Tests.Announce;

/// <summary>An in-memory data plane whose workers' heartbeats and flow clock the test sets by hand.</summary>
internal sealed class HeartbeatPlane(DirectorConfig config, int workers = 2) : IDataPlane
{
    private readonly StandaloneDataPlane _inner = new(config, workers);
    private readonly IoCounters[] _io = Enumerable.Range(0, workers).Select(_ => new IoCounters()).ToArray();

    public long Now { get; set; } = 100_000;

    public string Name => _inner.Name;

    public ForwardingSnapshot Snapshot => _inner.Snapshot;

    public IReadOnlyList<ForwardingWorker> Workers => _inner.Workers;

    public IReadOnlyList<IoCounters> Io => _io;

    public ConnectionCounts Connections => _inner.Connections;

    public long FlowClockMilliseconds => Now;

    public int Invocations { get; private set; }

    /// <summary>Every worker turns its loop now.</summary>
    public void Turn()
    {
        foreach (IoCounters counters in _io)
        {
            counters.Heartbeat = Now;
        }
    }

    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        Invocations++;
        return _inner.InvokeAsync(action);
    }

    public void Apply(DirectorConfig config, ForwardingSnapshot snapshot) => _inner.Apply(config, snapshot);
}
