namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Caps how many flows one worker inserts per second. Above the cap, new flows are still forwarded, but by the
/// stateless Maglev hash and without an entry, so a SYN flood cannot evict established flows from the table.
/// Katran does the same at 125,000 new flows per second per CPU.
/// </summary>
public sealed class NewFlowLimiter(int flowsPerSecond)
{
    public const int KatranDefault = 125_000;

    private long _windowStart = long.MinValue;
    private int _used;

    public int FlowsPerSecond { get; } = flowsPerSecond;

    /// <summary>True when one more insert fits in the current one-second window.</summary>
    public bool TryAcquire(long nowMilliseconds)
    {
        if (nowMilliseconds - _windowStart >= 1000)
        {
            _windowStart = nowMilliseconds;
            _used = 0;
        }

        if (_used >= FlowsPerSecond)
        {
            return false;
        }

        _used++;
        return true;
    }
}
