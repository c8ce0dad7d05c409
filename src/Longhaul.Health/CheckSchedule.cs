namespace Longhaul.Health;

/// <summary>
/// When a target is checked. Checks run at a fixed rate (the next starts one interval after the last started,
/// not after it ended), so a real that fails is marked down within fall × interval + timeout. Jitter only ever
/// shortens an interval (by up to <c>jitter</c> × interval) and offsets the first check by up to as much, so
/// checks of many reals spread out without loosening that bound. Seeded: tests and reruns see the same times.
/// </summary>
internal sealed class CheckSchedule(TimeSpan interval, double jitter, int seed)
{
    // Not for security: spreading checks only needs to be reproducible.
#pragma warning disable CA5394
    private readonly Random _random = new(seed);

    private readonly double _jitter = Math.Clamp(jitter, 0, 1);

    public TimeSpan Interval => interval;

    public TimeSpan FirstDelay() => _jitter == 0 ? TimeSpan.Zero : interval * (_jitter * _random.NextDouble());

    public TimeSpan NextInterval() => _jitter == 0 ? interval : interval * (1 - (_jitter * _random.NextDouble()));
#pragma warning restore CA5394
}
