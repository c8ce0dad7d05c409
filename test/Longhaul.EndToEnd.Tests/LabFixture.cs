using Longhaul.Lab;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
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

        // A lab left by an earlier crashed run (or a manual `lab up`) would hold the fixed names.
        LonghaulLab.Down(Paths);
        Options = LabOptions.Uniform(3, 2) with { Encapsulation = TunnelKind.Ipip, Ipv6 = true };
        _lab = LonghaulLab.Up(Options, LonghaulExecutable.FromDirectory(AppContext.BaseDirectory), Paths, progress: null, TimeSpan.FromSeconds(90));
    }

    /// <summary>Same place as `longhaul lab`, so `lab status`/`lab down` work on the test lab too.</summary>
    public static LabPaths Paths => LabPaths.Default;

    public LabOptions Options { get; } = LabOptions.Uniform(3, 2);

    public LonghaulLab Lab => _lab ?? throw new InvalidOperationException(NotRootReason);

    public void Dispose()
    {
        if (_lab is null)
        {
            return;
        }

        IReadOnlyList<LabProcess> started = _lab.Processes;
        LonghaulLab.Down(Paths);
        IReadOnlyList<string> namespaces = LabNetwork.ExistingNamespaces();
        var alive = started.Where(p => p.IsAlive).Select(p => $"{p.Name} (pid {p.Pid})").ToList();
        if (namespaces.Count > 0 || alive.Count > 0)
        {
            throw new InvalidOperationException(
                $"the lab was not fully removed: namespaces [{string.Join(", ", namespaces)}], processes [{string.Join(", ", alive)}]");
        }
    }
}
