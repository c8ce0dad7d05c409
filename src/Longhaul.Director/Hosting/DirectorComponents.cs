using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Metrics;
using Longhaul.Director.Runtime;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Hosting;

/// <summary>
/// Everything around a running <see cref="DirectorRuntime"/>: the control plane, the admin endpoint and the
/// metrics endpoint, started together and stopped in reverse order. Used by the daemon's hosted service and by
/// the root tests (which run the runtime inside a network namespace on their own thread).
/// </summary>
public sealed class DirectorComponents : IAsyncDisposable
{
    private DirectorComponents(ControlPlane control, AdminServer admin, MetricsServer? metrics)
    {
        Control = control;
        Admin = admin;
        Metrics = metrics;
    }

    public ControlPlane Control { get; }

    public AdminServer Admin { get; }

    public MetricsServer? Metrics { get; }

    /// <summary>Starts the control plane over <paramref name="plane"/>, the admin socket and (when configured) metrics.</summary>
    public static DirectorComponents Start(IDataPlane plane, DirectorConfig config, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        var control = new ControlPlane(plane, config, logger, clock);
        var admin = new AdminServer(new AdminHandler(control), logger);
        MetricsServer? metrics = null;
        try
        {
            admin.Start(config.Director);
            if (config.Director.MetricsListen is { } listen)
            {
                metrics = new MetricsServer(new PrometheusExporter(plane), logger);
                metrics.Start(listen);
            }

            if (plane is DirectorRuntime runtime)
            {
                runtime.Tick = control.Tick;
            }

            return new DirectorComponents(control, admin, metrics);
        }
        catch
        {
            metrics?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            admin.DisposeAsync().AsTask().GetAwaiter().GetResult();
            control.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Metrics is not null)
        {
            await Metrics.DisposeAsync().ConfigureAwait(false);
        }

        await Admin.DisposeAsync().ConfigureAwait(false);
        Control.Dispose();
    }
}
