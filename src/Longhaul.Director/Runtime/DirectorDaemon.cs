using System.Runtime.InteropServices;
using Longhaul.Config;

namespace Longhaul.Director.Runtime;

/// <summary>
/// <c>longhaul director run</c> in the foreground: starts the runtime, stops cleanly on SIGTERM or SIGINT,
/// reloads the file on SIGHUP. The control-plane issue moves this under the Generic Host with systemd notify.
/// </summary>
public static class DirectorDaemon
{
    /// <summary>
    /// Runs until a stop signal. Returns 0 after a clean stop, 1 when a worker failed. Setup failures throw as
    /// <see cref="DirectorRuntime.Start"/> does, after undoing what was set up.
    /// </summary>
    public static int Run(DirectorConfig config, DirectorLog log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(log);
        using var stop = new CancellationTokenSource();
        DirectorRuntime? running = null;

        void Stop(PosixSignalContext context)
        {
            // Cancel the default (immediate exit): the run loop returns and Dispose undoes everything.
            context.Cancel = true;
            log.Info($"{context.Signal} received, stopping");
            stop.Cancel();
        }

        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Volatile.Read(ref running)?.RequestReload();
        });

        using DirectorRuntime runtime = DirectorRuntime.Start(config, log);
        Volatile.Write(ref running, runtime);
        runtime.Run(stop.Token);
        return runtime.Failure is null ? 0 : 1;
    }
}
