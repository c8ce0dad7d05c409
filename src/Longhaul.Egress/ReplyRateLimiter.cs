namespace Longhaul.Egress;

/// <summary>
/// A token bucket for the agent's probe replies: <c>rate</c> per second, bursts up to <c>burst</c>. Time comes in
/// as timestamps (<see cref="TimeProvider.GetTimestamp"/> units) so tests drive it with fake clocks. Several receive
/// threads share one limiter; a lock is cheap next to the two sendto calls each granted reply costs, and only
/// probes (never client traffic) reach it.
/// </summary>
public sealed class ReplyRateLimiter
{
    private readonly Lock _lock = new();
    private readonly double _ratePerTick;
    private readonly double _burst;
    private double _tokens;
    private long _last;

    public ReplyRateLimiter(int ratePerSecond, int burst, long timestampFrequency, long now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        _ratePerTick = (double)ratePerSecond / timestampFrequency;
        _burst = burst;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes <paramref name="count"/> tokens at time <paramref name="now"/> if there are that many.</summary>
    public bool TryTake(long now, int count = 1)
    {
        lock (_lock)
        {
            if (now > _last)
            {
                _tokens = Math.Min(_burst, _tokens + ((now - _last) * _ratePerTick));
                _last = now;
            }

            if (_tokens < count)
            {
                return false;
            }

            _tokens -= count;
            return true;
        }
    }
}
