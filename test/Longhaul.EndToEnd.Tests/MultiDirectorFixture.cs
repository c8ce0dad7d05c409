using Longhaul.Lab;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
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

        LonghaulLab.Down(LabFixture.Paths);
        try
        {
            _lab = LonghaulLab.Up(Options, LonghaulExecutable.FromDirectory(AppContext.BaseDirectory), LabFixture.Paths, progress: null, TimeSpan.FromSeconds(90));
        }
        catch
        {
            LonghaulLab.Down(LabFixture.Paths);
            throw;
        }
    }

    public static LabOptions Options { get; } = LabOptions.Uniform(3, 2) with { Directors = Directors };

    public LonghaulLab Lab => _lab ?? throw new InvalidOperationException(LabFixture.NotRootReason);

    public void Dispose()
    {
        if (_lab is null)
        {
            return;
        }

        IReadOnlyList<LabProcess> started = _lab.Processes;
        LonghaulLab.Down(LabFixture.Paths);
        IReadOnlyList<string> namespaces = LabNetwork.ExistingNamespaces();
        var alive = started.Where(p => p.IsAlive).Select(p => $"{p.Name} (pid {p.Pid})").ToList();
        if (namespaces.Count > 0 || alive.Count > 0)
        {
            throw new InvalidOperationException(
                $"the multi-director lab was not fully removed: namespaces [{string.Join(", ", namespaces)}], processes [{string.Join(", ", alive)}]");
        }
    }
}
