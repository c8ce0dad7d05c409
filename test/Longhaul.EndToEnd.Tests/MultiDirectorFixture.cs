using Longhaul.Lab;
using Longhaul.Linux;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// A lab with 3 directors behind the internet router's ECMP route (BGP with BIRD), 3 DCs x 2 reals, IPv4 and
/// IPv6. Built once for the multi-director tests; always removed on Dispose (also when a test failed), which
/// then fails loudly if any lh-* namespace or started process is left.
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

    public static LabOptions Options { get; } = LabOptions.Uniform(3, 2) with { Directors = Directors };

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
