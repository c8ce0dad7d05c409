namespace Longhaul.Health;

/// <summary>
/// keepalived's rise/fall: an up real goes down after <c>fall</c> failures in a row, a down real comes up after
/// <c>rise</c> successes in a row; one result of the other kind resets the run.
/// </summary>
internal sealed class RiseFallCounter
{
    private int _run;

    public HealthStatus Status { get; private set; } = HealthStatus.Up;

    /// <summary>Records one result; true when it changed <see cref="Status"/>.</summary>
    public bool Record(bool success, int rise, int fall)
    {
        bool againstStatus = Status == HealthStatus.Up ? !success : success;
        if (!againstStatus)
        {
            _run = 0;
            return false;
        }

        _run++;
        if (_run < (Status == HealthStatus.Up ? Math.Max(1, fall) : Math.Max(1, rise)))
        {
            return false;
        }

        Status = Status == HealthStatus.Up ? HealthStatus.Down : HealthStatus.Up;
        _run = 0;
        return true;
    }
}
