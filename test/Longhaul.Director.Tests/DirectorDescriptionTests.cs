using Longhaul.Balancing.Forwarding;
using Longhaul.Config;
using Longhaul.Director.Runtime;

namespace Longhaul.Director.Tests;

public sealed class DirectorDescriptionTests
{
    [Fact]
    public void Write_ListsServicesAndRealsInIpvsadmLayout()
    {
        DirectorConfig config = TestConfigs.Config();
        var output = new StringWriter();

        DirectorDescription.Write(config, SnapshotCompiler.Compile(config.Balancer), output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("director dirtest: 1 worker(s), TUN device lhd0, stats /run/longhaul/dirtest.stats.json", lines);
        Assert.Contains("2 service(s), 3 real(s)", lines);
        Assert.Contains("TCP  203.0.113.10:80 rr", lines);
        Assert.Contains("-> 100.64.2.2:0                 Tunnel  1      dc2", lines);
        Assert.Contains("UDP  203.0.113.10:5000 mh", lines);
    }
}
