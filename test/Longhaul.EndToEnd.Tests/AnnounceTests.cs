using System.Diagnostics;
using System.Text.RegularExpressions;
using Longhaul.Lab;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Topology;
using Xunit.Abstractions;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// The directors announce their VIPs themselves (issue 8): a director whose services all lose quorum leaves the
/// internet router's ECMP route while the others stay and connections carry on, and comes back when quorum
/// does; <c>longhaul ctl fingerprints</c> against the running directors sees them agree, and sees one differ.
/// </summary>
[Collection(MultiDirectorCollection.Name)]
public sealed partial class AnnounceTests(MultiDirectorFixture fixture, ITestOutputHelper output)
{
    private const int Connections = 30;
    private const int TolerableBroken = 2;

    /// <summary>Announce interval (200 ms) + BIRD's netlink/scan (up to 1 s) + an UPDATE + lh-inet's kernel sync (scan 1 s).</summary>
    private static readonly TimeSpan s_routeBound = TimeSpan.FromSeconds(4);

    private readonly LonghaulLab _lab = fixture.Lab;

    [RootFact]
    public void Reload_OneDirectorBelowQuorum_LeavesTheEcmpRouteOthersStayThenComesBack()
    {
        _lab.RestartDeadDirectors();
        using var traffic = new EcmpConnections(Connections, LabTopology.VipV4);
        Thread.Sleep(TimeSpan.FromSeconds(1));
        try
        {
            // 6 reals, quorum 7: every service of dir2 is below quorum at once, on dir2 only.
            _lab.ReconfigureDirector(2, yaml => yaml.Replace("    quorum: 1\n", "    quorum: 7\n", StringComparison.Ordinal));
            TimeSpan? withdrawn = WaitForNextHops(hops => hops.All(d => d.Index != 2));
            IReadOnlyList<LabDirector> remaining = _lab.EcmpNextHops(LabTopology.VipV4);

            // The operator's view of it: ctl list on dir2 ends with the withdrawn VIPs and why.
            (int listExit, string listText) = Longhaul(["ctl", "list", "--socket", LonghaulLab.AdminSocket(_lab.Topology.Directors[1])]);
            output.WriteLine(listText);
            Assert.Equal(0, listExit);
            Assert.Matches(@"\n  203\.0\.113\.10/32 +withdrawn every service on the VIP is below quorum", listText);
            Thread.Sleep(TimeSpan.FromSeconds(1));

            _lab.ReconfigureDirectors(null);
            TimeSpan? back = WaitForNextHops(hops => hops.Count == MultiDirectorFixture.Directors);
            Thread.Sleep(TimeSpan.FromSeconds(1));
            traffic.Stop();

            int broken = traffic.Broken;
            output.WriteLine($"dir2 below quorum: withdrawn after {withdrawn?.TotalMilliseconds:0} ms, next hops then {string.Join(", ", remaining.Select(d => d.Name))}; back after {back?.TotalMilliseconds:0} ms");
            output.WriteLine($"{Connections} keep-alive connections, {traffic.Requests} answers: {broken} broken");
            Console.WriteLine($"[announce] quorum lost on dir2: withdrawn after {withdrawn?.TotalMilliseconds:0} ms, re-announced after {back?.TotalMilliseconds:0} ms; {broken} of {Connections} connections broken");
            Assert.True(withdrawn is not null, $"dir2 still announced after {s_routeBound.TotalSeconds} s:\n{_lab.DescribeEcmpRoutes()}");
            Assert.Equal([1, 3], remaining.Select(d => d.Index).Order());
            Assert.True(back is not null, $"dir2 not announced again within {s_routeBound.TotalSeconds} s:\n{_lab.DescribeEcmpRoutes()}");
            Assert.True(broken <= TolerableBroken, $"{broken} broken: {traffic.DescribeBroken()}");
        }
        finally
        {
            _lab.ReconfigureDirectors(null);
        }
    }

    [RootFact]
    public void CtlFingerprints_RunningDirectors_AgreeThenDifferWhenOneHasAnotherSeed()
    {
        _lab.RestartDeadDirectors();
        string[] arguments = ["ctl", "fingerprints", .. _lab.Topology.Directors.SelectMany(d => new[] { "-d", LonghaulLab.AdminSocket(d) })];

        (int agreeExit, string agreeText) = Longhaul(arguments);
        output.WriteLine(agreeText);
        Assert.Equal(0, agreeExit);
        Assert.Contains($"all {MultiDirectorFixture.Directors} director(s) agree on every service (2)", agreeText, StringComparison.Ordinal);

        try
        {
            _lab.ReconfigureDirector(3, yaml => HashSeedLine().Replace(yaml, "hash-seed: 4242"));
            var clock = Stopwatch.StartNew();
            (int differExit, string differText) = Longhaul(arguments);
            while (differExit == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Sleep(200);
                (differExit, differText) = Longhaul(arguments);
            }

            output.WriteLine(differText);
            Assert.Equal(1, differExit);
            Assert.Contains("directors DIFFER on: ", differText, StringComparison.Ordinal);
            Assert.Contains("DIFFER", differText.Split('\n')[0], StringComparison.Ordinal);
        }
        finally
        {
            _lab.ReconfigureDirectors(null);
        }

        var settle = Stopwatch.StartNew();
        while (Longhaul(arguments).Exit != 0 && settle.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(200);
        }
    }

    /// <summary>Polls the internet router's routes to both VIPs until <paramref name="done"/> holds for both; null after the bound.</summary>
    private TimeSpan? WaitForNextHops(Func<IReadOnlyList<LabDirector>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_routeBound)
        {
            if (done(_lab.EcmpNextHops(LabTopology.VipV4)) && done(_lab.EcmpNextHops(LabTopology.VipV6)))
            {
                return clock.Elapsed;
            }

            Thread.Sleep(50);
        }

        return null;
    }

    /// <summary>Runs the longhaul binary next to the tests; exit code and standard output plus error.</summary>
    private static (int Exit, string Text) Longhaul(IReadOnlyList<string> arguments)
    {
        IReadOnlyList<string> commandLine = LonghaulExecutable.FromDirectory(AppContext.BaseDirectory).CommandLine(arguments);
        var start = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, "timed out");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    [GeneratedRegex(@"hash-seed: \d+")]
    private static partial Regex HashSeedLine();
}
