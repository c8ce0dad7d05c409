using Longhaul.Balancing.Forwarding;
using Longhaul.Config;
using Longhaul.Director.Announce;
using Longhaul.Director.Control;
using Longhaul.Director.Metrics;
using Longhaul.Director.Runtime;
using Longhaul.Health;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Hosting;

/// <summary>
/// Everything around a running <see cref="DirectorRuntime"/>: the control plane, the admin endpoint and the
/// metrics endpoint and (with an <c>announce:</c> section) the VIP announcer, started together and stopped in
/// reverse order. Used by the daemon's hosted service and by
/// the root tests (which run the runtime inside a network namespace on their own thread).
/// </summary>
public sealed class DirectorComponents : IAsyncDisposable
{
    private DirectorComponents(ControlPlane control, AdminServer admin, MetricsServer? metrics, VipAnnouncer? announcer)
    {
        Control = control;
        Admin = admin;
        Metrics = metrics;
        Announcer = announcer;
    }

    public ControlPlane Control { get; }

    public AdminServer Admin { get; }

    public MetricsServer? Metrics { get; }

    /// <summary>Keeps the VIP routes BIRD announces; null without an <c>announce:</c> section.</summary>
    public VipAnnouncer? Announcer { get; }

    /// <summary>Starts the control plane over <paramref name="plane"/>, the admin socket and (when configured) metrics.</summary>
    public static DirectorComponents Start(IDataPlane plane, DirectorConfig config, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        var control = new ControlPlane(plane, config, logger, clock);
        var admin = new AdminServer(new AdminHandler(control), logger);
        MetricsServer? metrics = null;
        VipAnnouncer? announcer = null;
        try
        {
            admin.Start(config.Director);
            if (config.Director.MetricsListen is { } listen)
            {
                metrics = new MetricsServer(new PrometheusExporter(plane, () => control.Health?.Monitor.View, () => announcer), logger);
                metrics.Start(listen);
            }

            if (plane is DirectorRuntime runtime)
            {
                runtime.Tick = control.Tick;
            }

            control.Health = StartHealth(plane, control, config, logger, clock);

            // Last: it announces only what the rest is ready to serve. The routes go through the runtime's TUN
            // device, so only a real runtime announces (an in-memory data plane has no device to point at).
            if (config.Director.Announce is { } announce && plane is DirectorRuntime withDevice)
            {
                announcer = new VipAnnouncer(
                    plane, announce, new KernelAnnounceRoutes(announce.Table, withDevice.TunDeviceName), () => control.Health?.Monitor.View, logger, clock);
                control.Announcer = announcer;
                _ = announcer.Start(withDevice.TunDeviceName);
            }

            return new DirectorComponents(control, admin, metrics, announcer);
        }
        catch
        {
            announcer?.Dispose();
            metrics?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            admin.DisposeAsync().AsTask().GetAwaiter().GetResult();
            control.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the health checks when any service has one. A health change recompiles the effective definition
    /// (configuration combined with health) on the control thread, with the tunnel probes' steering routes.
    /// </summary>
    private static HealthDriver? StartHealth(IDataPlane plane, ControlPlane control, DirectorConfig config, ILogger logger, TimeProvider? clock)
    {
        bool any = false;
        foreach (ServiceSettings settings in config.ServiceSettings.Values)
        {
            any |= settings.HealthCheck is not null || settings.RealHealthChecks is { Count: > 0 };
        }

        if (!any)
        {
            return null;
        }

        var health = new HealthDriver(
            (effective, routes) => plane.InvokeAsync(() =>
            {
                ForwardingSnapshot next = SnapshotCompiler.Compile(effective, plane.Snapshot).WithSteering(routes);
                plane.Apply(control.Config, next);
                return true;
            }),
            logger,
            clock);

        // Not awaited: the first publish runs on the control thread, which starts turning once the caller runs
        // the data plane; the checks start after it.
        _ = health.ApplyAsync(config.Balancer, config.ServiceSettings);
        return health;
    }

    /// <remarks>
    /// The announcer is withdrawn first and synchronously, before anything is awaited: the caller's thread is the
    /// one in the director's network namespace (where the routes are), and the VIPs must leave BGP while the
    /// workers still forward what the upstream sends until it has converged.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        Announcer?.Dispose();
        if (Control.Health is not null)
        {
            await Control.Health.DisposeAsync().ConfigureAwait(false);
        }

        if (Metrics is not null)
        {
            await Metrics.DisposeAsync().ConfigureAwait(false);
        }

        await Admin.DisposeAsync().ConfigureAwait(false);
        Control.Dispose();
    }
}
