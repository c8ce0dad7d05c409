using System.Runtime.InteropServices;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Director.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Hosting;

/// <summary>
/// The director as a Generic Host service. The runtime's setup, run loop and teardown happen on one dedicated
/// thread (routes and sysctls belong to it); the host's stop token (SIGTERM, SIGINT, systemd stop) ends the run
/// loop and the teardown removes everything the director set up. SIGHUP reloads the file through the control
/// plane, so it takes the same lock as ctl edits and refuses an invalid file whole.
/// </summary>
public sealed class DirectorService(DirectorConfig config, ILogger<DirectorService> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ControlPlane? _control;

    /// <summary>0 after a clean stop; 1 when the director could not start or a worker failed.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Why the director could not start or stopped with an error.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the director forwards (or faults when it could not start).</summary>
    public Task Started => _started.Task;

    /// <summary>
    /// Returns once the director forwards (or failed to start), so the host (and through it systemd's
    /// READY=1) reports "started" only when the TUN device, routes and workers are really up.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Started.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed start is reported by ExitCode/Failure and stops the host; StartAsync itself must not throw it again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = ReloadOnSignalAsync();
        });
        var thread = new Thread(() =>
        {
            try
            {
                RunDirector(stoppingToken);
            }
            finally
            {
                finished.SetResult();
            }
        })
        {
            Name = "longhaul director control",
            IsBackground = true,
        };
        thread.Start();
        await finished.Task.ConfigureAwait(false);
    }

    private void RunDirector(CancellationToken stoppingToken)
    {
        DirectorHostLog.Starting(logger, config.Director.Name, config.Source);
        try
        {
            using DirectorRuntime runtime = DirectorRuntime.Start(config, new DirectorLog(logger));
            DirectorComponents components = DirectorComponents.Start(runtime, config, logger);
            try
            {
                _control = components.Control;
                DirectorHostLog.Ready(logger, config.Director.Name, config.Director.AdminSocket, config.Director.MetricsListen ?? "(off)");
                _started.TrySetResult();
                runtime.Run(stoppingToken);
                DirectorHostLog.Stopping(logger, config.Director.Name);
            }
            finally
            {
                _control = null;
                components.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            Failure = runtime.Failure;
            ExitCode = runtime.Failure is null ? 0 : 1;
        }
#pragma warning disable CA1031 // Setup failures end the process with exit code 1 after being logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DirectorHostLog.Failed(logger, e);
            Failure = e;
            ExitCode = 1;
            _started.TrySetException(e);
        }
        finally
        {
            // A worker failure or a setup failure ends the host too, not only a stop signal.
            lifetime.StopApplication();
        }
    }

    private async Task ReloadOnSignalAsync()
    {
        ControlPlane? control = _control;
        if (control is null)
        {
            return;
        }

        DirectorHostLog.ReloadSignal(logger, control.Config.Source);
        try
        {
            await control.ReloadAsync().ConfigureAwait(false);
        }
        catch (AdminException)
        {
            // Already logged by the control plane with every error; the running configuration stays.
        }
    }
}
