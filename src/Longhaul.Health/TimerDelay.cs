namespace Longhaul.Health;

/// <summary>
/// A delay on an injected <see cref="TimeProvider"/> whose continuation runs on the timer's callback, so a test
/// clock that fires timers on its own thread sees the checker run to its next wait before the clock returns.
/// </summary>
internal static class TimerDelay
{
    public static Task WaitAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellation);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource();
        ITimer timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, delay, Timeout.InfiniteTimeSpan);
        CancellationTokenRegistration registration = cancellation.Register(
            static state => ((TaskCompletionSource)state!).TrySetCanceled(), done);
        return Finish(done.Task, timer, registration);

        static async Task Finish(Task waiting, ITimer timer, CancellationTokenRegistration registration)
        {
            try
            {
                await waiting.ConfigureAwait(false);
            }
            finally
            {
                await registration.DisposeAsync().ConfigureAwait(false);
                await timer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
