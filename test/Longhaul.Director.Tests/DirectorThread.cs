using Longhaul.Config;
using Longhaul.Director.Runtime;
using Longhaul.Linux;

namespace Longhaul.Director.Tests;

/// <summary>
/// Runs <see cref="DirectorRuntime"/> inside a namespace on its own thread, as the daemon would run it, and
/// stops it on demand. The runtime's setup, run loop and teardown all happen on that one thread.
/// </summary>
internal sealed class DirectorThread : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _started = new();
    private readonly Thread _thread;

    public DirectorThread(NetworkNamespace ns, DirectorConfig config, DirectorLog log)
    {
        _thread = new Thread(() =>
        {
            try
            {
                ns.Run(() =>
                {
                    ForwardingBefore = Sysctl.Read("net.ipv4.ip_forward");
                    using DirectorRuntime runtime = DirectorRuntime.Start(config, log);
                    Runtime = runtime;
                    _started.Set();
                    runtime.Run(_stop.Token);
                    Failure ??= runtime.Failure;
                });
            }
#pragma warning disable CA1031 // Reported to the test through Failure.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failure = e;
            }
            finally
            {
                _started.Set();
            }
        })
        {
            IsBackground = true,
            Name = "director under test",
        };
        _thread.Start();
    }

    public Exception? Failure { get; private set; }

    /// <summary>The running director (for thread-safe calls such as RequestReload only).</summary>
    public DirectorRuntime? Runtime { get; private set; }

    public string ForwardingBefore { get; private set; } = string.Empty;

    public bool WaitStarted(TimeSpan timeout) => _started.Wait(timeout) && Failure is null;

    public void Stop(TimeSpan timeout)
    {
        _stop.Cancel();
        if (!_thread.Join(timeout))
        {
            throw new TimeoutException("the director did not stop in time");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(20));
        _stop.Dispose();
        _started.Dispose();
    }
}
