using Longhaul.Lab;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// What every lab fixture does to build and remove its lab: clear a lab an earlier crashed run left behind
/// (the names are fixed), remove a half-built lab when building fails, and on removal fail loudly if any lh-*
/// namespace or started process survived.
/// </summary>
internal static class TestLab
{
    public static LonghaulLab Up(LabOptions options)
    {
        LonghaulLab.Down(LabFixture.Paths);
        try
        {
            return LonghaulLab.Up(options, LonghaulExecutable.FromDirectory(AppContext.BaseDirectory), LabFixture.Paths, progress: null, TimeSpan.FromSeconds(90));
        }
        catch
        {
            LonghaulLab.Down(LabFixture.Paths);
            throw;
        }
    }

    public static void Down(LonghaulLab lab, string what)
    {
        IReadOnlyList<LabProcess> started = lab.Processes;
        LonghaulLab.Down(LabFixture.Paths);
        IReadOnlyList<string> namespaces = LabNetwork.ExistingNamespaces();
        var alive = started.Where(p => p.IsAlive).Select(p => $"{p.Name} (pid {p.Pid})").ToList();
        if (namespaces.Count > 0 || alive.Count > 0)
        {
            throw new InvalidOperationException(
                $"the {what} was not fully removed: namespaces [{string.Join(", ", namespaces)}], processes [{string.Join(", ", alive)}]");
        }
    }
}
