using System.Collections.Concurrent;
using System.Diagnostics;
using Longhaul.Lab;
using Longhaul.Lab.Http;
using Longhaul.Lab.Topology;
using Xunit.Abstractions;

namespace Longhaul.EndToEnd.Tests;

/// <summary>Health checks in the lab: a DC whose ISP drops VIP-sourced answers, and a real whose service stops.</summary>
[Collection(HealthCollection.Name)]
public sealed class HealthTests(HealthFixture fixture, ITestOutputHelper output)
{
    // Slack on top of the documented bounds: `ctl list` polling, snapshot publication and a loaded 2-core machine.
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(3);
    private static readonly LabHealthCheck s_check = HealthFixture.Check;

    private readonly LonghaulLab _lab = fixture.Lab;

    private static TimeSpan DownBound => TimeSpan.FromSeconds((s_check.Fall * s_check.IntervalSeconds) + s_check.TimeoutSeconds) + s_slack;

    private static TimeSpan UpBound => TimeSpan.FromSeconds(s_check.Rise * s_check.IntervalSeconds) + s_slack;

    [RootFact]
    public void TunnelCheck_DcBehindIspFilter_ItsRealsDownOthersUpWhileTcpCheckCallsAllUp()
    {
        LabDataCenter filtered = _lab.Topology.DataCenters[1];
        WaitForHealth(_ => "up", TimeSpan.FromSeconds(15), "every real up before the test");
        _lab.SetIspFilter(filtered.Name, enabled: true);
        try
        {
            TimeSpan took = WaitForHealth(r => r.DataCenter == filtered.Name ? "down" : "up", DownBound, "tunnel checks: the filtered DC down, the others up");
            output.WriteLine($"tunnel check: {filtered.Name} marked down after {took.TotalSeconds:0.0} s (bound {DownBound.TotalSeconds:0.0} s)");

            // Inhibited reals take no new flows: every client connection is answered, none by the filtered DC.
            List<LabDemoOutcome> outcomes = LabTraffic.Requests(_lab, ipv6: false, 40, timeout: TimeSpan.FromSeconds(2));
            Assert.True(outcomes.All(o => o.Result.Ok && o.Answered is not null && o.Answered.DataCenter != filtered.Name), LabTraffic.Describe(outcomes));

            // The same lab checked the keepalived way (direct TCP to each real's own address) sees nothing wrong.
            fixture.Reload(yaml => yaml.Replace("kind: tunnel", "kind: tcp", StringComparison.Ordinal));
            WaitForHealth(_ => "up", UpBound, "tcp checks: every real up");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < DownBound)
            {
                Dictionary<string, string> health = fixture.Health();
                Assert.True(health.Values.All(h => h == "up"), "tcp checks: " + Describe(health));
                Thread.Sleep(250);
            }
        }
        finally
        {
            fixture.Reload(yaml => yaml.Replace("kind: tcp", "kind: tunnel", StringComparison.Ordinal));
            _lab.SetIspFilter(filtered.Name, enabled: false);
        }

        WaitForHealth(_ => "up", TimeSpan.FromSeconds(15), "every real up after the filter is off");
    }

    [RootFact]
    public void StopService_UnderContinuousTraffic_DownWithinBoundNoNewConnectionsThenUpAfterRestart()
    {
        LabReal victim = _lab.Topology.DataCenters[0].Reals[0];
        WaitForHealth(_ => "up", TimeSpan.FromSeconds(15), "every real up before the test");
        var clock = Stopwatch.StartNew();
        var results = new ConcurrentBag<(TimeSpan Started, LabHttpResult Result)>();
        using var stop = new CancellationTokenSource();
        Task[] traffic = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                TimeSpan started = clock.Elapsed;
                results.Add((started, _lab.Client.Get(LabTopology.VipV4, "/", TimeSpan.FromSeconds(2))));
            }
        }))];
        try
        {
            Thread.Sleep(1000);
            Assert.Contains(results, r => r.Result.Ok && r.Result.Real == victim.Name && r.Result.DataCenter == victim.DataCenter);

            _lab.StopService(victim);
            TimeSpan down = WaitForHealth(r => r == victim ? "down" : "up", DownBound, $"{victim.Id} down");
            TimeSpan markedDown = clock.Elapsed;
            output.WriteLine($"{victim.Id} marked down {down.TotalSeconds:0.0} s after its service stopped (bound {DownBound.TotalSeconds:0.0} s)");

            Thread.Sleep(3000);
            // 0.5 s for the new forwarding snapshot to reach the workers after `ctl list` shows the change. Every
            // connection after that goes elsewhere, also on a client port reused after a refused connect, whose
            // flow entry (SYN_SENT, never closed) still names the inhibited real: a bare SYN there opens a new
            // connection, which only a real that takes new flows may keep (IPVS's conn_reuse_mode).
            TimeSpan settled = markedDown + TimeSpan.FromSeconds(0.5);
            var usedPorts = results.Where(r => r.Started <= settled).Select(r => r.Result.LocalPort).ToHashSet();
            var after = results.Where(r => r.Started > settled).Select(r => r.Result).ToList();
            Assert.NotEmpty(after);
            Assert.True(after.All(r => r.Ok && !(r.Real == victim.Name && r.DataCenter == victim.DataCenter)),
                string.Join("; ", after.Where(r => !r.Ok || (r.Real == victim.Name && r.DataCenter == victim.DataCenter)).Select(r => $"port {r.LocalPort}: {r.Error ?? r.Real + " " + r.DataCenter}")));
            output.WriteLine($"after the mark-down: {after.Count} connections, all answered by other reals " +
                $"({after.Count(r => usedPorts.Contains(r.LocalPort))} of them on client ports used before)");

            TimeSpan restarting = clock.Elapsed;
            _lab.StartService(victim);
            TimeSpan answering = clock.Elapsed;
            TimeSpan up = WaitForHealth(_ => "up", UpBound, $"{victim.Id} up again");
            output.WriteLine($"{victim.Id} up {up.TotalSeconds:0.0} s after its service answered again " +
                $"({(answering - restarting).TotalSeconds:0.0} s to start it; bound {UpBound.TotalSeconds:0.0} s)");

            TimeSpan upAt = clock.Elapsed;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(5) && !results.Any(r => r.Started > upAt && r.Result.Ok && r.Result.Real == victim.Name && r.Result.DataCenter == victim.DataCenter))
            {
                Thread.Sleep(200);
            }

            Assert.Contains(results, r => r.Started > upAt && r.Result.Ok && r.Result.Real == victim.Name && r.Result.DataCenter == victim.DataCenter);
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(traffic);
            _lab.StartService(victim);
        }
    }

    [RootFact]
    public void Quorum_TooFewHealthyReals_SorryServerAnswersEveryNewConnection()
    {
        // The last real leaves the service and becomes its sorry server; quorum 4 of the 5 left.
        LabReal sorry = _lab.Topology.DataCenters[2].Reals[1];
        LabReal[] failing = [.. _lab.Topology.DataCenters[0].Reals];

        WaitForHealth(_ => "up", TimeSpan.FromSeconds(15), "every real up before the test");
        string file = _lab.Topology.Directors[0].ConfigFile(_lab.Paths);
        string original = File.ReadAllText(file);
        try
        {
            fixture.Reload(yaml => System.Text.RegularExpressions.Regex.Replace(
                yaml,
                $@"      - address: {System.Text.RegularExpressions.Regex.Escape(sorry.AddressV4)}\n        weight: \d+\n        dc: \S+\n",
                string.Empty).Replace("    reals:\n", $"    quorum: 4\n    sorry-server: {sorry.AddressV4}\n    reals:\n", StringComparison.Ordinal));
            Dictionary<string, string> health = fixture.Health();
            Assert.True(health.TryGetValue(sorry.AddressV4, out string? state) && state == "sorry", Describe(health));

            // At quorum the sorry server takes nothing new.
            List<LabDemoOutcome> before = LabTraffic.Requests(_lab, ipv6: false, 30, timeout: TimeSpan.FromSeconds(2));
            Assert.True(before.All(o => o.Result.Ok && o.Answered is not null && o.Answered != sorry), LabTraffic.Describe(before));

            foreach (LabReal real in failing)
            {
                _lab.StopService(real);
            }

            TimeSpan took = WaitForHealth(r => r == sorry ? "sorry" : failing.Contains(r) ? "down" : "up", DownBound, "two reals down");
            Thread.Sleep(500);
            var usedPorts = before.Select(o => o.Result.LocalPort).ToHashSet();
            var below = LabTraffic.Requests(_lab, ipv6: false, 30, timeout: TimeSpan.FromSeconds(2)).Where(o => !usedPorts.Contains(o.Result.LocalPort)).ToList();
            Assert.NotEmpty(below);
            Assert.True(below.All(o => o.Result.Ok && o.Answered == sorry), LabTraffic.Describe(below));
            output.WriteLine($"below quorum {took.TotalSeconds:0.0} s after two services stopped; all {below.Count} new connections answered by the sorry server {sorry.Id}");
        }
        finally
        {
            foreach (LabReal real in failing)
            {
                _lab.StartService(real);
            }

            fixture.Reload(_ => original);
        }

        WaitForHealth(_ => "up", TimeSpan.FromSeconds(15), "every real up after the test");
    }

    /// <summary>Polls `ctl list` until every real's health is <paramref name="expected"/>; returns how long that took.</summary>
    private TimeSpan WaitForHealth(Func<LabReal, string> expected, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, string> health;
        while (true)
        {
            health = fixture.Health();
            if (_lab.Topology.Reals.All(r => health.TryGetValue(r.AddressV4, out string? h) && h == expected(r)))
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{what}: not within {timeout.TotalSeconds:0.0} s; ctl list says {Describe(health)}");
            }

            Thread.Sleep(100);
        }
    }

    private static string Describe(Dictionary<string, string> health) => string.Join(", ", health.Select(h => $"{h.Key}={h.Value}"));
}
