using System.Globalization;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Config.Export;
using Longhaul.Director.Announce;
using Longhaul.Director.Control.Protocol;
using Longhaul.Health;
using Longhaul.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longhaul.Director.Control;

/// <summary>
/// Owns the running configuration and every change to it: reloads and runtime edits go through one lock, each
/// builds a whole new configuration, validates it with the same reader as a file, compiles a snapshot against
/// the running one (so flows and counters of reals that stay carry over), writes it atomically to the state
/// file, then publishes it on the data plane's thread. Any failure before the publish leaves everything as it
/// was: nothing half-applies, and the file always matches what runs. Reads (list, explain, flows) take no lock.
/// </summary>
public sealed class ControlPlane : IDisposable
{
    private static readonly TimeSpan s_drainPoll = TimeSpan.FromMilliseconds(200);

    private readonly IDataPlane _plane;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _samplesGate = new();
    private readonly CounterSample _baseline = new();
    private CounterSample _rateOld = new();
    private CounterSample _rateNew = new();
    private bool _zeroed;
    private volatile DirectorConfig _config;

    public ControlPlane(IDataPlane plane, DirectorConfig config, ILogger? logger = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(config);
        _plane = plane;
        _config = config;
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The configuration in force, including runtime edits.</summary>
    public DirectorConfig Config => _config;

    public IDataPlane DataPlane => _plane;

    public ForwardingSnapshot Snapshot => _plane.Snapshot;

    /// <summary>
    /// The health checks when any service has one (set once at start): every compile goes through it, so a
    /// reload or an edit keeps failed reals out, and it is told about every new configuration.
    /// </summary>
    public HealthDriver? Health { get; set; }

    /// <summary>The VIP announcer when the director announces over BGP (set once at start), for <c>ctl list</c>.</summary>
    public VipAnnouncer? Announcer { get; set; }

    /// <summary>
    /// The file to start from: the state file when one is configured, exists and is newer than
    /// <paramref name="path"/> (runtime changes made after the file was last edited), else the file itself.
    /// </summary>
    public static DirectorConfig LoadForStart(string path, ILogger? logger = null)
    {
        DirectorConfig config = DirectorConfig.Load(path);
        string? state = config.Director.StateFile;
        if (state is null || !File.Exists(state) || File.GetLastWriteTimeUtc(state) <= File.GetLastWriteTimeUtc(path))
        {
            return config;
        }

        (logger ?? NullLogger.Instance).UsingStateFile(state, path);
        return DirectorConfig.Load(state) with { Source = path };
    }

    public ListResult List()
    {
        var current = new CounterSample();
        current.Take(_plane.Workers, _clock.GetTimestamp());
        lock (_samplesGate)
        {
            long tableSize = 0;
            foreach (ForwardingWorker worker in _plane.Workers)
            {
                tableSize += worker.Flows.Capacity;
            }

            ListResult list = ListBuilder.Build(
                _plane.Name, _plane.Snapshot, _plane.Connections, tableSize, current, _zeroed ? _baseline : null, _rateOld, _rateNew, _clock.TimestampFrequency,
                Health?.Monitor.View);
            return Announcer is { } announcer
                ? list with
                {
                    AnnounceTable = announcer.Settings.Table,
                    Announcements = [.. announcer.Status.Select(d => new AnnounceEntry { Prefix = d.Prefix, Announced = d.Announce, Reason = d.Reason })],
                }
                : list;
        }
    }

    public ExplainResult Explain(in FlowKey flow) =>
        FlowExplainer.Explain(flow, _plane.Snapshot, _plane.Workers, _plane.Connections, _plane.FlowClockMilliseconds);

    public FlowsResult Flows(FlowFilter filter, int limit) =>
        FlowLister.List(_plane.Snapshot, _plane.Workers, _plane.FlowClockMilliseconds, filter, limit);

    /// <summary>ctl zero: later listings count from now. Workers' counters (and so the metrics) keep counting.</summary>
    public void Zero()
    {
        lock (_samplesGate)
        {
            _baseline.Take(_plane.Workers, _clock.GetTimestamp());
            _zeroed = true;
        }

        _logger.Zeroed();
    }

    /// <summary>Takes a rate sample; called about once a second (ipvsadm's estimator uses 2 s).</summary>
    public void Tick()
    {
        lock (_samplesGate)
        {
            (_rateOld, _rateNew) = (_rateNew, _rateOld);
            _rateNew.Take(_plane.Workers, _clock.GetTimestamp());
        }
    }

    /// <summary>The running table in <c>ipvsadm -S -n</c> format.</summary>
    public string Save()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        IpvsadmSaveWriter.Write(_plane.Snapshot.Definition, text);
        return text.ToString();
    }

    /// <summary>Reads <paramref name="path"/> (default: the file the director started from) and applies its services.</summary>
    public async Task<string> ReloadAsync(string? path = null, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            string file = path ?? _config.Source;
            string what = $"reload of {file}";
            DirectorConfig next;
            try
            {
                next = DirectorConfig.Load(file) with { Source = _config.Source };
            }
            catch (ConfigException e)
            {
                string reason = string.Join(Environment.NewLine, e.Errors);
                _logger.Refused(what, reason);
                throw new AdminException($"{what} refused, the running configuration stays:{Environment.NewLine}{reason}", e);
            }

            // The file is the operator's: it is only rewritten when runtime changes go to a separate state file.
            string? writeTo = next.Director.StateFile ?? _config.Director.StateFile;
            return await CommitAsync(what, next, writeTo is not null && writeTo != file ? writeTo : null).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies one runtime edit (all or nothing) and writes the result to the state file.</summary>
    public async Task<string> EditAsync(string what, Func<DirectorConfig, DirectorConfig> edit, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await CommitAsync(what, edit(_config), _config.StatePath).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// remove-real: with <paramref name="drain"/>, first drains the real (no new flows, established ones stay),
    /// waits until it has no active connection or <paramref name="timeout"/> passes, then removes it. The lock is
    /// not held while waiting, so other edits and listings go on.
    /// </summary>
    public async Task<string> RemoveRealAsync(ServiceKey key, NetAddress address, bool drain, TimeSpan timeout, CancellationToken cancellation = default)
    {
        string realText = address.ToString();
        if (drain)
        {
            await EditAsync($"drain {realText} of {key}", c => ConfigEdits.EditReal(c, key, address, r => r with { State = RealState.Draining }), cancellation)
                .ConfigureAwait(false);
            int realId = FindRealId(key, address);
            long start = _clock.GetTimestamp();
            string serviceText = key.ToString();
            int activeAtStart = realId < 0 ? 0 : _plane.Connections.Active(realId);
            _logger.DrainStarted(realText, serviceText, timeout.TotalSeconds, activeAtStart);
            while (realId >= 0 && _plane.Connections.Active(realId) > 0 && _clock.GetElapsedTime(start) < timeout)
            {
                await Task.Delay(s_drainPoll, _clock, cancellation).ConfigureAwait(false);
            }

            int activeAtEnd = realId < 0 ? 0 : _plane.Connections.Active(realId);
            double waited = Math.Round(_clock.GetElapsedTime(start).TotalSeconds, 1);
            _logger.DrainFinished(realText, serviceText, activeAtEnd, waited);
        }

        return await EditAsync($"remove {realText} from {key}", c => ConfigEdits.RemoveReal(c, key, address), cancellation).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();

    private int FindRealId(ServiceKey key, NetAddress address)
    {
        CompiledService? service = _plane.Snapshot.FindService(key.Protocol, key.Vip, key.Port);
        CompiledReal? real = service?.SchedulerOrder.FirstOrDefault(r => r.Address == address);
        return real?.RealId ?? -1;
    }

    /// <summary>Validate (as a file), compile, write, publish: in that order, so a failure leaves no trace.</summary>
    private async Task<string> CommitAsync(string what, DirectorConfig edited, string? statePath)
    {
        DirectorConfig previous = _config;
        string yaml = ConfigYamlWriter.ToYaml(edited);
        DirectorConfig next;
        ForwardingSnapshot snapshot;
        try
        {
            next = DirectorConfig.Parse(yaml, statePath ?? previous.Source) with { Source = previous.Source };
            snapshot = SnapshotCompiler.Compile(Health?.Effective(next.Balancer, next.ServiceSettings) ?? next.Balancer, _plane.Snapshot);
        }
        catch (ConfigException e)
        {
            string reason = string.Join("; ", e.Errors.Select(error => error.Key.Length > 0 ? $"{error.Key}: {error.Message}" : error.Message));
            _logger.Refused(what, reason);
            throw new AdminException($"{what} refused: {reason}", e);
        }
        catch (SnapshotCompileException e)
        {
            _logger.Refused(what, e.Message);
            throw new AdminException($"{what} refused: {e.Message}", e);
        }

        string? previousYaml = statePath is not null && File.Exists(statePath) ? await File.ReadAllTextAsync(statePath).ConfigureAwait(false) : null;
        await _plane.InvokeAsync(() =>
        {
            if (statePath is not null)
            {
                AtomicFile.Write(statePath, yaml);
            }

            try
            {
                _plane.Apply(next, snapshot);
            }
            catch when (statePath is not null)
            {
                // The file must keep describing what runs.
                if (previousYaml is not null)
                {
                    AtomicFile.Write(statePath, previousYaml);
                }

                throw;
            }

            return true;
        }).ConfigureAwait(false);
        _config = next;
        if (Health is not null)
        {
            await Health.ApplyAsync(next.Balancer, next.ServiceSettings).ConfigureAwait(false);
        }

        if (statePath is not null)
        {
            _logger.StateWritten(statePath);
        }

        int reals = next.Balancer.Services.Sum(s => s.Reals.Count);
        _logger.Applied(what, snapshot.Version, next.Balancer.Services.Count, reals);
        return string.Create(CultureInfo.InvariantCulture, $"{what}: applied, config version {snapshot.Version}");
    }
}
