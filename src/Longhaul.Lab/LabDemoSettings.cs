namespace Longhaul.Lab;

/// <summary>How much traffic `lab demo` sends: <see cref="Requests"/> connections, each GET /bytes/<see cref="Bytes"/>.</summary>
public sealed record LabDemoSettings(int Requests = 200, int Bytes = 100_000, int Concurrency = 8, bool Ipv6 = false)
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
