using Longhaul.Health.Probes;

namespace Longhaul.Health;

/// <summary>
/// Runs one target's probe on its schedule until stopped and hands every result (timeouts and unexpected
/// exceptions included, as failures) to the monitor.
/// </summary>
internal sealed class HealthChecker(
    HealthTarget target, IHealthProbe probe, CheckSchedule schedule, TimeProvider time, Action<HealthChecker, ProbeResult> report)
{
    public HealthTarget Target => target;

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await TimerDelay.WaitAsync(time, schedule.FirstDelay(), stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                long started = time.GetTimestamp();
                ProbeResult result = await ProbeOnceAsync(stop).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                report(this, result);
                TimeSpan wait = schedule.NextInterval() - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await TimerDelay.WaitAsync(time, wait, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    internal async Task<ProbeResult> ProbeOnceAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(target.Check.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        try
        {
            return await probe.ProbeAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            return ProbeResult.Fail($"timeout after {target.Check.Timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ProbeResult.Fail("stopped");
        }
#pragma warning disable CA1031 // A broken probe is a failed check, never a dead checker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ProbeResult.Fail($"{e.GetType().Name}: {e.Message}");
        }
    }
}
