using Longhaul.Lab;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// One small lab for the whole suite: 3 DCs x 2 reals, one director, IPv4 and IPv6, IPIP to start with,
/// running the `longhaul` binary built next to the tests. Built once; always removed on Dispose, which then
/// fails loudly if any lh-* namespace or started process is left behind.
/// </summary>
public sealed class LabFixture : IDisposable
{
    public const string NotRootReason = "needs root: the end-to-end tests build network namespaces and start the director and agents";

    private readonly LonghaulLab? _lab;

    public LabFixture()
    {
        if (!Privileges.IsRoot)
        {
            return;
        }

        _lab = TestLab.Up(Options);
    }

    /// <summary>Same place as `longhaul lab`, so `lab status`/`lab down` work on the test lab too.</summary>
    public static LabPaths Paths => LabPaths.Default;

    public LabOptions Options { get; } = LabOptions.Uniform(3, 2) with { Encapsulation = TunnelKind.Ipip, Ipv6 = true };

    public LonghaulLab Lab => _lab ?? throw new InvalidOperationException(NotRootReason);

    public void Dispose()
    {
        if (_lab is null)
        {
            return;
        }

        TestLab.Down(_lab, "lab");
    }
}
