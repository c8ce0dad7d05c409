using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Health;
using Longhaul.Packets;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Announce;

/// <summary>
/// Runs inside the director: every <see cref="AnnounceSettings.Interval"/> it applies <see cref="AnnouncePolicy"/>
/// to the workers' heartbeats, the health view and the running services, and keeps one host route per VIP to
/// announce in the routing daemon's table (<see cref="IAnnounceRoutes"/>). Changes are made on the data plane's
/// control thread, logged with their reason and counted; announced routes are re-asserted every few seconds (an
/// operator's <c>ip route flush table N</c> heals). <see cref="Stop"/> withdraws everything; a director that dies
/// without stopping loses its routes with its TUN device (<see cref="KernelAnnounceRoutes"/>).
/// </summary>
public sealed class VipAnnouncer : IDisposable
{
    /// <summary>How often announced routes are installed again although nothing changed.</summary>
    public static readonly TimeSpan Reassert = TimeSpan.FromSeconds(5);

    private readonly IDataPlane _plane;
    private readonly IAnnounceRoutes _routes;
    private readonly Func<HealthView?> _health;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<NetAddress, VipDecision> _state = [];
    private readonly CancellationTokenSource _stop = new();
    private long _lastReassert;
    private long _changes;
    private bool _stopped;
    private string? _lastError;
    private volatile IReadOnlyList<VipDecision> _status = [];

    public VipAnnouncer(
        IDataPlane plane, AnnounceSettings settings, IAnnounceRoutes routes, Func<HealthView?> health, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(logger);
        _plane = plane;
        Settings = settings;
        _routes = routes;
        _health = health;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
    }

    public AnnounceSettings Settings { get; }

    /// <summary>Every VIP this director serves, with whether its route is installed now and the last reason.</summary>
    public IReadOnlyList<VipDecision> Status => _status;

    /// <summary>Announcements plus withdrawals since start (re-assertions are not changes).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Starts the periodic loop; the first look happens at once.</summary>
    public Task Start(string device)
    {
        AnnounceLog.Started(_logger, Settings.Table, device, (long)Settings.Interval.TotalMilliseconds, (long)Settings.StallAfter.TotalMilliseconds);
        CancellationToken stop = _stop.Token;
        return Task.Run(() => RunAsync(stop), CancellationToken.None);
    }

    /// <summary>
    /// One look: decides, then applies the changes on the data plane's control thread. Completes once applied
    /// (tests call it directly with a clock of their own).
    /// </summary>
    public async Task StepAsync()
    {
        ForwardingSnapshot snapshot = _plane.Snapshot;
        HealthView? health = _health();
        string? problem = AnnouncePolicy.DataPathProblem(
            AnnouncePolicy.Heartbeats(_plane.Io), _plane.FlowClockMilliseconds, Settings.StallAfter, health?.DataPathHealthy);
        var services = new List<ServiceKey>(snapshot.Services.Count);
        foreach (CompiledService service in snapshot.Services)
        {
            services.Add(service.Key);
        }

        IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide(problem, services, health);
        bool reassert = _clock.GetElapsedTime(Volatile.Read(ref _lastReassert)) >= Reassert;
        if (!reassert && !Differs(decisions))
        {
            return;
        }

        await _plane.InvokeAsync(() => Apply(decisions, reassert)).ConfigureAwait(false);
    }

    /// <summary>
    /// Withdraws every announced VIP now, on the calling thread (which must be in the director's network
    /// namespace), and stops the loop. Idempotent.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _stop.Cancel();
            foreach (VipDecision current in _state.Values.ToList())
            {
                if (current.Announce)
                {
                    Withdraw(current with { Announce = false, Reason = "director stopping" });
                }
            }

            Publish();
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Settings.Interval, _clock);
        try
        {
            do
            {
                try
                {
                    await StepAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop must outlive one failed look (e.g. the director stopping under it); logged.
                catch (Exception e) when (!stop.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    AnnounceLog.StepFailed(_logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>True when some VIP's decision differs from what is installed (or a VIP appeared or went).</summary>
    private bool Differs(IReadOnlyList<VipDecision> decisions)
    {
        lock (_gate)
        {
            if (decisions.Count != _state.Count)
            {
                return true;
            }

            foreach (VipDecision decision in decisions)
            {
                if (!_state.TryGetValue(decision.Vip, out VipDecision? current) || current.Announce != decision.Announce)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>On the control thread: installs and removes routes so the table matches <paramref name="decisions"/>.</summary>
    private bool Apply(IReadOnlyList<VipDecision> decisions, bool reassert)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                // Stop already withdrew everything: a look that raced with it must not announce again.
                return false;
            }

            var wanted = new HashSet<NetAddress>();
            foreach (VipDecision decision in decisions)
            {
                wanted.Add(decision.Vip);
                bool announced = _state.TryGetValue(decision.Vip, out VipDecision? current) && current.Announce;
                if (decision.Announce && (!announced || reassert))
                {
                    Announce(decision, announced);
                }
                else if (!decision.Announce && announced)
                {
                    Withdraw(decision);
                }
                else
                {
                    // Nothing to do on the routing side; keep the latest reason for the status.
                    _state[decision.Vip] = decision with { Announce = announced };
                }
            }

            foreach (VipDecision gone in _state.Values.Where(d => !wanted.Contains(d.Vip)).ToList())
            {
                if (gone.Announce)
                {
                    Withdraw(gone with { Announce = false, Reason = "the VIP is no longer configured" });
                }

                if (!_state[gone.Vip].Announce)
                {
                    _state.Remove(gone.Vip);
                }
            }

            if (reassert)
            {
                Volatile.Write(ref _lastReassert, _clock.GetTimestamp());
            }

            Publish();
            return true;
        }
    }

    private void Announce(VipDecision decision, bool alreadyAnnounced)
    {
        try
        {
            _routes.Announce(decision.Prefix);
            _lastError = null;
        }
#pragma warning disable CA1031 // Any failure (ip missing, table refused) is logged and retried at the next look.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Once per distinct error: a look every 200 ms must not fill the log.
            if (_lastError != e.Message)
            {
                _lastError = e.Message;
                AnnounceLog.RouteFailed(_logger, decision.Prefix, Settings.Table, e.Message);
            }

            _state[decision.Vip] = decision with { Announce = alreadyAnnounced };
            return;
        }

        _state[decision.Vip] = decision;
        if (!alreadyAnnounced)
        {
            Interlocked.Increment(ref _changes);
            AnnounceLog.Announced(_logger, decision.Prefix, Settings.Table, decision.Reason);
        }
    }

    private void Withdraw(VipDecision decision)
    {
        try
        {
            _routes.Withdraw(decision.Prefix);
            _lastError = null;
        }
#pragma warning disable CA1031 // Any failure is logged and retried at the next look; the route stays counted as announced.
        catch (Exception e) when (!_stopped)
#pragma warning restore CA1031
        {
            if (_lastError != e.Message)
            {
                _lastError = e.Message;
                AnnounceLog.RouteFailed(_logger, decision.Prefix, Settings.Table, e.Message);
            }

            return;
        }
#pragma warning disable CA1031 // Stopping: nothing retries, so log it; the TUN device's end removes the route anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AnnounceLog.RouteFailed(_logger, decision.Prefix, Settings.Table, e.Message);
        }

        _state[decision.Vip] = decision with { Announce = false };
        Interlocked.Increment(ref _changes);
        AnnounceLog.Withdrawn(_logger, decision.Prefix, Settings.Table, decision.Reason);
    }

    private void Publish() => _status = _state.Values.OrderBy(d => d.Vip.ToString(), StringComparer.Ordinal).ToList();
}
