using System.Diagnostics;
using Longhaul.Config;
using Longhaul.Director.Runtime;
using Longhaul.Linux;

namespace Longhaul.Director.Tests;

/// <summary>Reload as SIGHUP triggers it: a valid file is applied (routes follow the VIPs), an invalid one is refused whole.</summary>
public sealed class DirectorReloadRootTests
{
    [RootFact]
    public void RequestReload_ValidThenInvalidFile_AppliesTheFirstAndKeepsItWhenTheSecondIsBroken()
    {
        using var topology = new DirectorTopology();
        string directory = Path.Combine(Path.GetTempPath(), $"lhtest-dir-{topology.Id}");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "dir.yaml");
        File.WriteAllText(path, Yaml(directory, "203.0.113.10"));
        var log = new StringWriter();
        using var director = new DirectorThread(topology.Director, DirectorConfig.Load(path), new DirectorLog(TextWriter.Synchronized(log)));
        try
        {
            Assert.True(director.WaitStarted(TimeSpan.FromSeconds(20)), $"director did not start: {director.Failure}\n{log}");
            Assert.Contains("203.0.113.10 dev lhd0", Routes(topology), StringComparison.Ordinal);

            File.WriteAllText(path, Yaml(directory, "203.0.113.11"));
            director.Runtime!.RequestReload();
            Assert.True(
                WaitFor(() => Routes(topology).Contains("203.0.113.11 dev lhd0", StringComparison.Ordinal)),
                $"the new VIP's route did not appear\n{log}");
            Assert.True(WaitFor(() => !Routes(topology).Contains("203.0.113.10 ", StringComparison.Ordinal)), $"the old VIP's route stayed\n{log}");
            Assert.Equal(2, director.Runtime.Snapshot.Version);

            File.WriteAllText(path, Yaml(directory, "203.0.113.12").Replace("port: 80", "port: 80000", StringComparison.Ordinal));
            director.Runtime.RequestReload();
            // The refusal and each error are separate log lines: wait for the error itself, not only the first line.
            Assert.True(WaitFor(() => log.ToString().Contains("80000 is out of range", StringComparison.Ordinal)), $"no refusal logged\n{log}");
            Assert.Contains("dir.yaml:11: services[0].port: 80000 is out of range 0..65535", log.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, director.Runtime.Snapshot.Version);
            Assert.Contains("203.0.113.11 dev lhd0", Routes(topology), StringComparison.Ordinal);
            Assert.DoesNotContain("203.0.113.12", Routes(topology), StringComparison.Ordinal);
        }
        finally
        {
            director.Stop(TimeSpan.FromSeconds(20));
            Directory.Delete(directory, recursive: true);
        }

        Assert.Null(director.Failure);
        Assert.DoesNotContain("203.0.113.11", Routes(topology), StringComparison.Ordinal);
    }

    private static string Yaml(string directory, string vip) => $"""
        director:
          name: reloadtest
          tunnel-source: {DirectorTopology.DirectorRealSide}
          workers: 1
          tun-device: lhd0
          flow-table-size: 4096
          stats-file: {directory}/stats.json
        services:
          - protocol: tcp
            vip: {vip}
            port: 80
            reals:
              - address: {DirectorTopology.RealAddress}
        """;

    private static string Routes(DirectorTopology topology) =>
        topology.Director.Run(() => IpCommand.Current.Run("route", "show"));

    private static bool WaitFor(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
