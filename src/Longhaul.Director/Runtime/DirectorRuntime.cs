using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Io;
using Longhaul.Director.Stats;
using Longhaul.Director.Workers;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Director.Runtime;

/// <summary>
/// The director's data plane on Linux. <see cref="Start"/> creates what forwarding needs -- a multi-queue TUN
/// device with one queue per worker, forwarding and rp_filter sysctls, a route for every VIP into the TUN,
/// raw senders per worker -- and starts one worker thread per queue. <see cref="Run"/> writes the stats file
/// every second and applies requested reloads until cancelled; <see cref="Dispose"/> stops the workers, writes
/// the stats a last time and undoes every change in reverse order.
/// </summary>
/// <remarks>
/// Routes and sysctls belong to the network namespace of the calling thread: call Start, Run, Reload and
/// Dispose on the same thread (NetworkNamespace.Run gives the tests such a thread inside a namespace).
/// </remarks>
public sealed partial class DirectorRuntime : IDataPlane, IDisposable
{
    /// <summary>
    /// The TUN device takes packets as large as the kernel has, so a client packet too big for the tunnel
    /// reaches the pipeline (which answers with the tunnel's MTU) instead of the kernel answering with the
    /// TUN's own smaller MTU and bypassing the counters.
    /// </summary>
    public const int TunMtu = 65535;

    private static readonly TimeSpan s_statsInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_workerStopTimeout = TimeSpan.FromSeconds(5);

    private readonly DirectorLog _log;
    private readonly TimeProvider _clock;
    private readonly Stack<(string What, Action Undo)> _undo = new();
    private readonly ConnectionCounts _connections = new(ForwardingSnapshot.MaxReals);
    private readonly List<ForwardingWorker> _workers = [];
    private readonly List<IoCounters> _io = [];
    private readonly List<Thread> _threads = [];
    private readonly CancellationTokenSource _stopWorkers = new();
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly ConcurrentQueue<Action> _controlQueue = new();
    private readonly long _timestampFrequency;
    private SnapshotHolder? _snapshots;
    private DirectorConfig _config;
    private string _tunName = string.Empty;
    private int _reloadRequested;
    private volatile Exception? _failure;
    private string? _lastStatsError;
    private bool _disposed;

    private DirectorRuntime(DirectorConfig config, DirectorLog log, TimeProvider clock)
    {
        _config = config;
        _log = log;
        _clock = clock;
        _timestampFrequency = clock.TimestampFrequency;
    }

    /// <summary>Called on the control thread about once a second (rate sampling, drain progress); never throws out.</summary>
    public Action? Tick { get; set; }

    public string Name => _config.Director.Name;

    public IReadOnlyList<ForwardingWorker> Workers => _workers;

    public IReadOnlyList<IoCounters> Io => _io;

    public ConnectionCounts Connections => _connections;

    /// <summary>The clock the workers' flow tables run on (the same computation as <c>WorkerLoop</c>'s).</summary>
    public long FlowClockMilliseconds => (long)((Int128)_clock.GetTimestamp() * 1000 / _timestampFrequency);

    /// <summary>The configuration in force (runtime settings from start, services from the last reload).</summary>
    public DirectorConfig Config => _config;

    public ForwardingSnapshot Snapshot => _snapshots?.Current ?? throw new InvalidOperationException("The director is not running.");

    /// <summary>The TUN device name the kernel gave.</summary>
    public string TunDeviceName => _tunName;

    /// <summary>Set when a worker died; <see cref="Run"/> then returns and the daemon exits with an error.</summary>
    public Exception? Failure => _failure;

    /// <summary>
    /// Sets everything up and starts the workers. Needs root. On any failure, undoes what it did and throws
    /// (<see cref="LinuxException"/>, <see cref="IpCommandException"/> or <see cref="SnapshotCompileException"/>).
    /// </summary>
    public static DirectorRuntime Start(DirectorConfig config, DirectorLog? log = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Privileges.RequireRoot("running the director (it creates a TUN device, VIP routes and sysctls, and sends through raw sockets)");
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(config.Balancer);
        var runtime = new DirectorRuntime(config, log ?? DirectorLog.StandardError, clock ?? TimeProvider.System);
        try
        {
            runtime.SetUp(snapshot);
            return runtime;
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes stats every second and applies reloads asked for with <see cref="RequestReload"/>, until
    /// <paramref name="cancellation"/> is signalled or a worker fails.
    /// </summary>
    public void Run(CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WaitHandle[] wakeUps = [cancellation.WaitHandle, _stopWorkers.Token.WaitHandle, _wake];
        while (!cancellation.IsCancellationRequested && !_stopWorkers.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _reloadRequested, 0) != 0)
            {
                TryReload();
            }

            RunControlQueue();
            RunTick();
            TryWriteStats();
            WaitHandle.WaitAny(wakeUps, s_statsInterval);
        }
    }

    /// <summary>
    /// Queues <paramref name="action"/> for the thread running <see cref="Run"/>, where routes and sysctls are
    /// in the director's network namespace. Fails when the director stops before running it.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_disposed || _stopWorkers.IsCancellationRequested)
        {
            completion.SetException(new InvalidOperationException("The director is stopping."));
            return completion.Task;
        }

        _controlQueue.Enqueue(() =>
        {
            try
            {
                completion.SetResult(action());
            }
#pragma warning disable CA1031 // Handed to the caller, who reports it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                completion.SetException(e);
            }
        });
        _wake.Set();
        return completion.Task;
    }

    /// <summary>
    /// Publishes a snapshot the control plane compiled from <paramref name="config"/>: routes for new VIPs first,
    /// then the snapshot, then stale routes go. Director settings stay those of the start.
    /// </summary>
    public void Apply(DirectorConfig config, ForwardingSnapshot snapshot)
    {
        DirectorConfig next = config;
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(snapshot);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SnapshotHolder snapshots = _snapshots ?? throw new InvalidOperationException("The director is not running.");
        AddRoutes(next.Balancer);
        snapshots.Publish(snapshot);
        RemoveStaleRoutes(next.Balancer);
        _config = next with { Director = _config.Director, Source = _config.Source };
    }

    /// <summary>Asks <see cref="Run"/> to reload the configuration file; safe from a signal handler.</summary>
    public void RequestReload()
    {
        Volatile.Write(ref _reloadRequested, 1);
        _wake.Set();
    }

    /// <summary>
    /// Reloads from <paramref name="path"/> (default: the file the director started from). An invalid file, or
    /// one whose routes cannot be installed, keeps the running configuration; the errors are logged.
    /// </summary>
    public bool TryReload(string? path = null)
    {
        path ??= _config.Source;
        try
        {
            Reload(DirectorConfig.Load(path));
            return true;
        }
        catch (ConfigException e)
        {
            _log.Error($"reload of {path} refused, the running configuration stays:");
            foreach (ConfigError error in e.Errors)
            {
                _log.Error($"  {error}");
            }
        }
        catch (Exception e) when (e is SnapshotCompileException or LinuxException or IpCommandException)
        {
            _log.Error($"reload of {path} failed, the running configuration stays: {e.Message}");
        }

        return false;
    }

    /// <summary>
    /// Applies a new configuration's services: compiles a snapshot that keeps the ids (and so the flows) of
    /// services and reals that stay, installs routes for new VIPs, publishes, then removes the routes of VIPs
    /// that went away. Throws and changes nothing when the snapshot or a route cannot be made.
    /// </summary>
    public void Reload(DirectorConfig next)
    {
        ArgumentNullException.ThrowIfNull(next);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SnapshotHolder snapshots = _snapshots ?? throw new InvalidOperationException("The director is not running.");
        WarnAboutRestartOnlyChanges(next.Director);
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(next.Balancer, snapshots.Current);
        AddRoutes(next.Balancer);
        snapshots.Publish(snapshot);
        RemoveStaleRoutes(next.Balancer);
        _config = next with { Director = _config.Director };
        _log.Info($"reloaded {next.Source}: config version {snapshot.Version}, {Summary(snapshot)}");
        TryWriteStats();
    }

    private void RunControlQueue()
    {
        while (_controlQueue.TryDequeue(out Action? action))
        {
            action();
        }
    }

    private void RunTick()
    {
        try
        {
            Tick?.Invoke();
        }
#pragma warning disable CA1031 // A failing sampler must not stop forwarding; logged once per tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Warning($"control tick failed: {e.Message}");
        }
    }

    public DirectorStats CollectStats() => StatsCollector.Collect(
        _config.Director.Name, _clock.GetUtcNow(), Snapshot, _workers, _io, _connections);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWorkers();
        while (_controlQueue.TryDequeue(out Action? pending))
        {
            // Still run: each completes its caller's task (with the "not running" error the action throws).
            pending();
        }

        if (_snapshots is not null)
        {
            TryWriteStats();
        }

        while (_undo.TryPop(out var step))
        {
            try
            {
                step.Undo();
            }
#pragma warning disable CA1031 // Cleanup goes on whatever one step threw; each failure is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _log.Warning($"while {step.What}: {e.Message}");
            }
        }

        if (_snapshots is not null)
        {
            _log.Info(_failure is null ? "stopped; everything it set up is removed" : $"stopped after a worker failure: {_failure.Message}");
        }

        _wake.Dispose();
        _stopWorkers.Dispose();
    }

    private void SetUp(ForwardingSnapshot snapshot)
    {
        DirectorSettings settings = _config.Director;
        IReadOnlyList<TunDevice> queues = TunDevice.OpenQueues(
            settings.TunDevice, settings.Workers, new TunOptions { NonBlocking = true, Mtu = TunMtu });
        OnUndo($"closing TUN device {settings.TunDevice}", () =>
        {
            foreach (TunDevice queue in queues)
            {
                queue.Dispose();
            }
        });
        _tunName = queues[0].Name;

        // Forwarding: the kernel passes client packets from the uplink into the TUN (and our ICMP replies out).
        // rp_filter: the effective value is the larger of "all" and the device's; replies written into the TUN
        // carry the VIP as source, which must not be dropped as spoofed.
        ChangeSysctl("net.ipv4.ip_forward", "1");
        ChangeSysctl("net.ipv4.conf.all.rp_filter", "0");
        ChangeSysctl($"net.ipv4.conf.{_tunName}.rp_filter", "0");
        _snapshots = new SnapshotHolder(snapshot);
        OnUndo("removing VIP routes", RemoveAllRoutes);
        AddRoutes(snapshot.Definition);

        int flowCapacity = Math.Max(1024, settings.FlowTableSize / settings.Workers);
        int slotSize = Math.Clamp(snapshot.Tunnel.Mtu, 2048, 65536);
        var loops = new List<WorkerLoop<TunRawPacketIo>>(settings.Workers);
        for (int i = 0; i < settings.Workers; i++)
        {
            RawSocket sender4 = Own(RawSocket.OpenSender(AddressFamily.InterNetwork), "closing a raw IPv4 sender");
            RawSocket? sender6 = TryOpenIpv6Sender(i);
            PacketBatch batch4 = Own(new PacketBatch(WorkerLoop<TunRawPacketIo>.DefaultBatchSize, slotSize), "freeing a send batch");
            PacketBatch batch6 = Own(new PacketBatch(WorkerLoop<TunRawPacketIo>.DefaultBatchSize, slotSize), "freeing a send batch");
            var worker = new ForwardingWorker(
                new WorkerOptions(FlowCapacity: flowCapacity, Timeouts: settings.Timeouts, NewFlowsPerSecond: settings.NewFlowsPerSecond),
                _connections);
            var loop = new WorkerLoop<TunRawPacketIo>(worker, _snapshots, new TunRawPacketIo(queues[i], sender4, sender6, batch4, batch6), _clock);
            _workers.Add(worker);
            _io.Add(loop.Counters);
            loops.Add(loop);
        }

        // Last registered, first undone: workers stop before anything they use goes away.
        OnUndo("stopping workers", StopWorkers);
        for (int i = 0; i < loops.Count; i++)
        {
            WorkerLoop<TunRawPacketIo> loop = loops[i];
            int index = i;
            var thread = new Thread(() => RunWorker(loop, index))
            {
                IsBackground = true,
                Name = string.Create(CultureInfo.InvariantCulture, $"longhaul worker {i}"),
            };
            _threads.Add(thread);
            thread.Start();
        }

        TunnelSettings tunnel = snapshot.Tunnel;
        _log.Info(
            $"started {settings.Name}: {settings.Workers} worker(s) on TUN {_tunName} (MTU {TunMtu}), " +
            $"{(tunnel.Kind == TunnelKind.Gue ? "gue" : "ipip")} from {Describe(tunnel.SourceV4)} / {Describe(tunnel.SourceV6)}, " +
            $"tunnel MTU {tunnel.Mtu}, {Summary(snapshot)}, stats to {settings.StatsFile}");
        TryWriteStats();
    }

    private void RunWorker(WorkerLoop<TunRawPacketIo> loop, int index)
    {
        try
        {
            loop.Run(_stopWorkers.Token);
        }
#pragma warning disable CA1031 // A dying worker must stop the director loudly, not vanish: recorded and reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e;
            _log.Error($"worker {index} failed, stopping the director: {e}");
            _stopWorkers.Cancel();
        }
    }

    private void StopWorkers()
    {
        if (_threads.Count == 0)
        {
            return;
        }

        _stopWorkers.Cancel();
        foreach (Thread thread in _threads)
        {
            if (!thread.Join(s_workerStopTimeout))
            {
                _log.Warning($"{thread.Name} did not stop within {s_workerStopTimeout.TotalSeconds} s");
            }
        }

        _threads.Clear();
    }

    private RawSocket? TryOpenIpv6Sender(int worker)
    {
        try
        {
            return Own(RawSocket.OpenSender(AddressFamily.InterNetworkV6), "closing a raw IPv6 sender");
        }
        catch (LinuxException e) when (e.Errno is Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT or Errno.ENOPROTOOPT)
        {
            if (worker == 0)
            {
                _log.Warning($"no IPv6 egress ({e.Message}); packets to IPv6 reals will be counted as send errors");
            }

            return null;
        }
    }

    private void TryWriteStats()
    {
        if (_snapshots is null)
        {
            return;
        }

        string path = _config.Director.StatsFile;
        try
        {
            StatsFile.Write(path, CollectStats());
            _lastStatsError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Once per distinct problem: a read-only directory must not fill the log every second.
            if (_lastStatsError != e.Message)
            {
                _lastStatsError = e.Message;
                _log.Warning($"cannot write stats file {path}: {e.Message}");
            }
        }
    }

    private void WarnAboutRestartOnlyChanges(DirectorSettings next)
    {
        DirectorSettings running = _config.Director;
        if (running != next)
        {
            _log.Warning(
                "director settings (name, workers, tun-device, stats-file, flow-table-size, new-flows-per-second, announce) " +
                "changed in the file: they take effect at the next start; services, reals and tunnel settings are applied now");
        }
    }

    private void ChangeSysctl(string key, string value)
    {
        SysctlChange change = Sysctl.Change(key, value);
        OnUndo($"restoring sysctl {key} to {change.OldValue}", change.Restore);
    }

    private T Own<T>(T resource, string what)
        where T : IDisposable
    {
        OnUndo(what, resource.Dispose);
        return resource;
    }

    private void OnUndo(string what, Action undo) => _undo.Push((what, undo));

    private static string Summary(ForwardingSnapshot snapshot)
    {
        int reals = 0;
        foreach (CompiledService service in snapshot.Services)
        {
            reals += service.SchedulerOrder.Length;
        }

        return $"{snapshot.Services.Count} service(s), {reals} real(s)";
    }

    private static string Describe(NetAddress address) => address.IsNone ? "(none)" : address.ToString();
}
