namespace Longhaul.Egress.Tests;

/// <summary>A clock the test moves by hand; one tick is one microsecond.</summary>
internal sealed class FakeTime : TimeProvider
{
    public long Now { get; set; } = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Now;

    public void Advance(TimeSpan by) => Now += (long)(by.TotalSeconds * TimestampFrequency);
}
