using System.Diagnostics;
using Longhaul.Lab;
using Longhaul.Lab.Bgp;
using Longhaul.Lab.Processes;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;
using Xunit.Abstractions;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// Three directors behind the internet router's layer-4 ECMP route learnt over BGP: flows spread over all of
/// them, a director that dies is withdrawn and its connections carry on through another director (Maglev
/// picks the same real there), and adding a real while traffic flows breaks no established connection.
/// </summary>
[Collection(MultiDirectorCollection.Name)]
public sealed class EcmpTests(MultiDirectorFixture fixture, ITestOutputHelper output)
{
    private const int LongLivedConnections = 60;

    // Ideally zero; a handful is tolerated because the lab shares two cores with everything it runs.
    private const int TolerableBroken = 2;

    private readonly LonghaulLab _lab = fixture.Lab;

    [RootFact]
    public void Get_ManyConnections_SpreadOverEveryDirectorAndAnsweredByTheSameMaglevPick()
    {
        Prepare();
        long[] before = DirectorPackets();

        List<LabDemoOutcome> outcomes = [.. LabTraffic.Requests(_lab, ipv6: false, 90), .. LabTraffic.Requests(_lab, ipv6: true, 30)];

        _lab.WaitForFreshStats();
        long[] after = DirectorPackets();
        output.WriteLine($"packets per director during the test: {string.Join(", ", after.Select((p, i) => $"dir{i + 1} {p - before[i]}"))}");
        Assert.True(outcomes.All(o => o.Result.Ok), LabTraffic.Describe(outcomes.Where(o => !o.Result.Ok)));
        Assert.True(outcomes.All(o => o.AsPredicted), LabTraffic.Describe(outcomes.Where(o => !o.AsPredicted)));
        for (int i = 0; i < after.Length; i++)
        {
            Assert.True(after[i] - before[i] > 0, $"dir{i + 1} received no packets: ECMP did not spread the flows\n{_lab.DescribeEcmpRoutes()}");
        }
    }

    [RootFact]
    public void KillDirector_LongLivedConnections_WithdrawnWithinHoldTimeAndConnectionsSurvive()
    {
        Prepare();
        using var traffic = new EcmpConnections(LongLivedConnections, LabTopology.VipV4);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.Equal(0, traffic.Broken);
        long[] answeredBeforeKill = traffic.Connections.Select(c => Interlocked.Read(ref c.Answers)).ToArray();

        var clock = Stopwatch.StartNew();
        LabProcess killed = _lab.KillDirector(2);
        TimeSpan? withdrawn = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_lab.EcmpNextHops(LabTopology.VipV4).All(d => d.Index != 2) && _lab.EcmpNextHops(LabTopology.VipV6).All(d => d.Index != 2))
            {
                withdrawn = clock.Elapsed;
                break;
            }

            Thread.Sleep(50);
        }

        // Let TCP retransmit into the new path and the connections run on a while.
        Thread.Sleep(TimeSpan.FromSeconds(4));
        traffic.Stop();

        int broken = traffic.Broken;
        int stalled = traffic.StalledLongerThan(TimeSpan.FromMilliseconds(250));
        int silent = traffic.Connections.Where((c, i) => c.Failure is null && Interlocked.Read(ref c.Answers) <= answeredBeforeKill[i]).Count();
        output.WriteLine($"killed dir2 (pid {killed.Pid}); routes withdrawn after {withdrawn?.TotalMilliseconds:0} ms (hold time {BirdConfig.HoldSeconds} s)");
        output.WriteLine($"{LongLivedConnections} keep-alive connections, {traffic.Requests} answers: {broken} broken, {stalled} waited > 0.25 s (moved off dir2 or delayed), {LongLivedConnections - broken - stalled} undisturbed, {silent} silent since the kill");
        Console.WriteLine($"[ecmp] kill dir2: withdrawn after {withdrawn?.TotalMilliseconds:0} ms; {broken} of {LongLivedConnections} connections broken, {stalled} stalled > 0.25 s (moved)");
        Assert.NotNull(withdrawn);
        Assert.True(withdrawn <= TimeSpan.FromSeconds(BirdConfig.HoldSeconds), $"withdrawal took {withdrawn?.TotalSeconds:0.0} s");
        Assert.True(broken <= TolerableBroken, $"{broken} broken: {traffic.DescribeBroken()}");
        Assert.Equal(0, silent);
        Assert.Equal(MultiDirectorFixture.Directors - 1, _lab.EcmpNextHops(LabTopology.VipV4).Count);
    }

    [RootFact]
    public void AddReal_LongLivedConnectionsThroughThreeDirectors_EstablishedConnectionsSurvive()
    {
        Prepare();
        LabReal added = _lab.Topology.Reals[^1];
        var without = _lab.Topology.Reals.Where(r => r != added).ToList();
        try
        {
            _lab.ReconfigureDirectors(without);
            WaitForReload(expectAdded: false, added);

            using var traffic = new EcmpConnections(LongLivedConnections, LabTopology.VipV4);
            Thread.Sleep(TimeSpan.FromSeconds(2));
            _lab.ReconfigureDirectors(null);
            WaitForReload(expectAdded: true, added);
            Thread.Sleep(TimeSpan.FromSeconds(2));
            traffic.Stop();

            int broken = traffic.Broken;
            output.WriteLine($"added {added.Id} to all 3 directors (SIGHUP) under {LongLivedConnections} keep-alive connections, {traffic.Requests} answers: {broken} broken");
            Console.WriteLine($"[ecmp] add real {added.Id}: {broken} of {LongLivedConnections} connections broken");
            Assert.True(broken <= TolerableBroken, $"{broken} broken: {traffic.DescribeBroken()}");

            // New connections now reach the added real too, each by the same pick on every director.
            List<LabDemoOutcome> fresh = LabTraffic.Requests(_lab, ipv6: false, 60);
            Assert.True(fresh.All(o => o.Result.Ok && o.AsPredicted), LabTraffic.Describe(fresh.Where(o => !o.Result.Ok || !o.AsPredicted)));
            Assert.Contains(fresh, o => o.Answered == added);
        }
        finally
        {
            _lab.ReconfigureDirectors(null);
        }
    }

    /// <summary>Every director running and in the ECMP route, every real configured.</summary>
    private void Prepare() => _lab.RestartDeadDirectors();

    private long[] DirectorPackets() =>
        Enumerable.Range(1, MultiDirectorFixture.Directors).Select(i => _lab.ReadDirectorStats(i)?.Packets ?? 0).ToArray();

    /// <summary>Waits (bounded) until every director's stats list the real, or no longer list it.</summary>
    private void WaitForReload(bool expectAdded, LabReal real)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            _lab.WaitForFreshStats(TimeSpan.FromSeconds(2));
            bool all = Enumerable.Range(1, MultiDirectorFixture.Directors).All(i =>
                _lab.ReadDirectorStats(i) is DirectorStats stats && stats.Reals.Any(r => r.Address == real.AddressV4) == expectAdded);
            if (all)
            {
                return;
            }
        }

        output.WriteLine($"the directors' stats did not show {real.Id} {(expectAdded ? "added" : "removed")} within 5 s");
    }
}
