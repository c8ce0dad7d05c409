namespace Longhaul.Health.Probes;

/// <summary>The outcome of one probe; <paramref name="Detail"/> says why it failed (shown in logs and <c>ctl list</c>).</summary>
public readonly record struct ProbeResult(bool Success, string Detail)
{
    public static ProbeResult Ok { get; } = new(true, "ok");

    public static ProbeResult Fail(string detail) => new(false, detail);
}
