using Longhaul.Health.Probes;

namespace Longhaul.Health.Tests;

/// <summary>A probe whose answer the test sets: pass, fail, or hang until the check's timeout.</summary>
internal sealed class FakeProbe(ManualTimeProvider? time = null) : IHealthProbe
{
    public enum Mode
    {
        Pass,
        Fail,
        Hang,
    }

    public Mode Answer { get; set; } = Mode.Pass;

    public int Calls { get; private set; }

    public List<TimeSpan> CallTimes { get; } = [];

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellation)
    {
        Calls++;
        CallTimes.Add(time?.Elapsed ?? TimeSpan.Zero);
        switch (Answer)
        {
            case Mode.Pass:
                return ProbeResult.Ok;
            case Mode.Fail:
                return ProbeResult.Fail("refused");
            default:
                // Completes on the cancelling thread, so the test clock's timeout runs the checker on.
                var hung = new TaskCompletionSource<ProbeResult>();
                using (cancellation.Register(() => hung.TrySetCanceled(cancellation)))
                {
                    return await hung.Task.ConfigureAwait(false);
                }
        }
    }
}
