using System.Collections.Frozen;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Health.Probes;
using Longhaul.Packets;
using Microsoft.Extensions.Logging;

namespace Longhaul.Health;

/// <summary>
/// Runs a <see cref="HealthChecker"/> per checked (service, real), turns results into up/down with rise and
/// fall, keeps each service's quorum, logs and counts every change, and tells the director through
/// <see cref="IHealthActions"/> (one change at a time, in order). Each director checks on its own.
/// </summary>
public sealed class HealthMonitor : IAsyncDisposable
{
    private readonly IHealthActions _actions;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _seed;
    private readonly Func<HealthTarget, IHealthProbe> _probes;
    private readonly Lock _gate = new();
    private readonly Dictionary<(ServiceKey, NetAddress), TargetState> _states = [];
    private readonly HashSet<ServiceKey> _belowQuorum = [];
    private HealthPlan _plan = HealthPlan.Empty;
    private CancellationTokenSource? _stop;
    private Task[] _running = [];
    private volatile HealthView _view = HealthView.Empty;
    private volatile bool _dirty;
    private long _transitions;
    private long _quorumChanges;

    /// <param name="seed">Seeds every check's jitter, so the schedule is reproducible.</param>
    /// <param name="probes">Makes the probe for a target (tests pass fakes); <see cref="ProbeFactory.Create"/> by default.</param>
    public HealthMonitor(
        IHealthActions actions, ILogger logger, TimeProvider? time = null, int seed = 0, Func<HealthTarget, IHealthProbe>? probes = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(logger);
        _actions = actions;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _seed = seed;
        _probes = probes ?? ProbeFactory.Create;
    }

    /// <summary>The current health of every checked real; cheap to read, rebuilt only after results arrived.</summary>
    public HealthView View
    {
        get
        {
            if (_dirty)
            {
                lock (_gate)
                {
                    PublishView();
                }
            }

            return _view;
        }
    }

    /// <summary>The routes the data path needs for the tunnel checks; publish them with <see cref="ForwardingSnapshot.WithSteering"/>.</summary>
    public IReadOnlyList<SteeringRoute> SteeringRoutes { get; private set; } = [];

    /// <summary>Up/down changes of reals since start (for metrics).</summary>
    public long Transitions => Interlocked.Read(ref _transitions);

    /// <summary>Changes of services into or out of quorum since start.</summary>
    public long QuorumChanges => Interlocked.Read(ref _quorumChanges);

    public HealthPlan Plan => _plan;

    /// <summary>
    /// Starts checking <paramref name="plan"/>, stopping the checks of a previous plan first. Reals whose check is
    /// unchanged keep their state (a reload does not bring a down real back); the others start up.
    /// </summary>
    public async Task ApplyAsync(HealthPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await StopCheckersAsync().ConfigureAwait(false);
        var stop = new CancellationTokenSource();
        var checkers = new List<HealthChecker>(plan.Targets.Count);
        lock (_gate)
        {
            _plan = plan;
            var keep = new HashSet<(ServiceKey, NetAddress)>();
            DateTimeOffset now = _time.GetUtcNow();
            foreach (HealthTarget target in plan.Targets)
            {
                var key = (target.Service, target.Real);
                keep.Add(key);
                if (!_states.TryGetValue(key, out TargetState? state) || !state.SameCheck(target))
                {
                    _states[key] = new TargetState(target, now);
                }
                else
                {
                    state.Target = target;
                }
            }

            foreach (var key in _states.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                _states.Remove(key);
            }

            foreach (string warning in plan.Warnings)
            {
                HealthLog.NotChecked(_logger, warning);
            }

            for (int i = 0; i < plan.Targets.Count; i++)
            {
                HealthTarget target = plan.Targets[i];
                var schedule = new CheckSchedule(target.Check.Interval, target.Check.Jitter, HashCode.Combine(_seed, i));
                checkers.Add(new HealthChecker(target, _probes(target), schedule, _time, (c, r) => Report(c, r, stop.Token)));
            }

            SteeringRoutes = RoutesFor(plan);
            _belowQuorum.Clear();
            foreach (ServicePlan service in plan.Services)
            {
                if (Healthy(service) < service.Quorum)
                {
                    _belowQuorum.Add(service.Service);
                }
            }

            PublishView();
            _stop = stop;
        }

        // Started outside the lock: a probe that completes at once reports on this thread.
        Task[] running = [.. checkers.Select(c => c.RunAsync(stop.Token))];
        lock (_gate)
        {
            _running = running;
        }

        int tunnel = SteeringRoutes.Count;
        HealthLog.Started(_logger, checkers.Count, tunnel);
    }

    /// <summary>The steering routes a plan's tunnel checks need (publish them before the checks start).</summary>
    public static IReadOnlyList<SteeringRoute> RoutesFor(HealthPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Targets.Where(t => t.IsTunnel)
            .Select(t => new SteeringRoute(t.ProbeSource, t.ProbeSourcePort, t.Service, t.Real, t.RealPort))];
    }

    public async ValueTask DisposeAsync() => await StopCheckersAsync().ConfigureAwait(false);

    private async Task StopCheckersAsync()
    {
        CancellationTokenSource? stop;
        Task[] running;
        lock (_gate)
        {
            stop = _stop;
            running = _running;
            _stop = null;
            _running = [];
        }

        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        stop.Dispose();
    }

    private void Report(HealthChecker checker, ProbeResult result, CancellationToken generation)
    {
        lock (_gate)
        {
            if (generation.IsCancellationRequested
                || !_states.TryGetValue((checker.Target.Service, checker.Target.Real), out TargetState? state))
            {
                return;
            }

            HealthCheckSettings check = checker.Target.Check;
            state.Checks++;
            state.Probed = true;
            state.LastSucceeded = result.Success;
            state.LastDetail = result.Detail;
            if (!result.Success)
            {
                state.Failures++;
            }

            _dirty = true;
            if (!state.Counter.Record(result.Success, check.Rise, check.Fall))
            {
                return;
            }

            bool healthy = state.Counter.Status == HealthStatus.Up;
            state.Since = _time.GetUtcNow();
            state.Transitions++;
            Interlocked.Increment(ref _transitions);
            if (healthy)
            {
                HealthLog.RealUp(_logger, checker.Target, check.Rise);
            }
            else
            {
                HealthLog.RealDown(_logger, checker.Target, check.Fall, result.Detail, check.OnFailure);
            }

            ServicePlan? service = _plan.Services.FirstOrDefault(s => s.Service == checker.Target.Service);
            bool quorumChanged = service is not null && UpdateQuorum(service);
            PublishView();
            Act(checker.Target, () => _actions.SetRealHealth(checker.Target.Service, checker.Target.Real, healthy));
            if (quorumChanged)
            {
                bool below = _belowQuorum.Contains(service!.Service);
                Act(checker.Target, () => _actions.SetBelowQuorum(service.Service, below));
            }
        }
    }

    private bool UpdateQuorum(ServicePlan service)
    {
        int healthy = Healthy(service);
        bool below = healthy < service.Quorum;
        bool wasBelow = _belowQuorum.Contains(service.Service);
        if (below == wasBelow)
        {
            return false;
        }

        Interlocked.Increment(ref _quorumChanges);
        if (below)
        {
            _belowQuorum.Add(service.Service);
            HealthLog.QuorumLost(_logger, service.Service, healthy, service.Quorum, service.SorryServer);
        }
        else
        {
            _belowQuorum.Remove(service.Service);
            HealthLog.QuorumRegained(_logger, service.Service, healthy, service.Quorum);
        }

        return true;
    }

    /// <summary>In-service reals that are up (a real without a check counts as up).</summary>
    private int Healthy(ServicePlan service)
    {
        int healthy = 0;
        foreach (PlannedReal real in service.Reals)
        {
            if (real.InService
                && (!_states.TryGetValue((service.Service, real.Address), out TargetState? state) || state.Counter.Status == HealthStatus.Up))
            {
                healthy++;
            }
        }

        return healthy;
    }

    private void Act(HealthTarget target, Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // The director's failure to apply one change must not stop the checks.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HealthLog.ActionFailed(_logger, target, e);
        }
    }

    private void PublishView()
    {
        var reals = new Dictionary<(ServiceKey, NetAddress), RealHealth>(_states.Count);
        bool anyTunnelProbed = false;
        bool anyTunnelPassed = false;
        foreach ((var key, TargetState state) in _states)
        {
            reals[key] = state.ToView();
            if (state.IsTunnel && state.Probed)
            {
                anyTunnelProbed = true;
                anyTunnelPassed |= state.LastSucceeded;
            }
        }

        bool? dataPath = anyTunnelPassed ? true : anyTunnelProbed ? false : null;
        _view = new HealthView(reals.ToFrozenDictionary(), _belowQuorum.ToFrozenSet(), dataPath);
        _dirty = false;
    }
}
