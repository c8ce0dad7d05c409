using Longhaul.Lab;
using Longhaul.Linux;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// A lab with 3 directors behind the internet router's ECMP route (BGP with BIRD, each director announcing its
/// VIPs itself), 3 DCs x 2 reals, IPv4 and IPv6, TCP health checks with quorum 1. Built once for the
/// multi-director tests; always removed on Dispose (also when a test failed), which then fails loudly if any
/// lh-* namespace or started process is left.
/// </summary>
public sealed class MultiDirectorFixture : IDisposable
{
    public const int Directors = 3;

    private readonly LonghaulLab? _lab;

    public MultiDirectorFixture()
    {
        if (!Privileges.IsRoot)
        {
            return;
        }

        _lab = TestLab.Up(Options);
    }

    /// <summary>
    /// TCP checks with an explicit quorum of 1 on every service, so a test can take quorum away from one director
    /// by rewriting its config (<see cref="AnnounceTests"/>); with every real up they change nothing else.
    /// </summary>
    public static LabHealthCheck Check { get; } = new("tcp", IntervalSeconds: 1, TimeoutSeconds: 1, Rise: 2, Fall: 2, Quorum: 1);

    public static LabOptions Options { get; } = LabOptions.Uniform(3, 2) with { Directors = Directors, HealthCheck = Check };

    public LonghaulLab Lab => _lab ?? throw new InvalidOperationException(LabFixture.NotRootReason);

    public void Dispose()
    {
        if (_lab is null)
        {
            return;
        }

        TestLab.Down(_lab, "multi-director lab");
    }
}
