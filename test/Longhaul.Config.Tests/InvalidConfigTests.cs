namespace Longhaul.Config.Tests;

/// <summary>Each invalid file gives its own, located error, and nothing is built.</summary>
public sealed class InvalidConfigTests
{
    private const string Director = """
        director:
          tunnel-source: 192.0.2.2
        """;

    [Theory]
    [InlineData("weight: 70000", "dir.yaml:9: services[0].reals[0].weight: 70000 is out of range 0..65535")]
    [InlineData("weight: -1", "dir.yaml:9: services[0].reals[0].weight: -1 is out of range 0..65535")]
    [InlineData("weight: heavy", "dir.yaml:9: services[0].reals[0].weight: 'heavy' is not a whole number")]
    [InlineData("wieght: 2", "dir.yaml:9: services[0].reals[0].wieght: unknown key (known here: address, dc, encapsulation, health-check, port, state, weight)")]
    [InlineData("dc: [a, b]", "dir.yaml:9: services[0].reals[0].dc: expected a single value, found a list")]
    public void Parse_BadRealLine_ReportsFileLineAndKey(string realLine, string expected)
    {
        string yaml = $"""
            {Director}
            services:
              - protocol: tcp
                vip: 203.0.113.10
                port: 80
                reals:
                  - address: 100.64.1.2
                    {realLine}
            """;

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.Equal(expected, Assert.Single(e.Errors).ToString());
    }

    [Theory]
    [InlineData("vip: 203.0.113", "dir.yaml:5: services[0].vip: '203.0.113' is not an IPv4 or IPv6 address")]
    [InlineData("vip: 203.0.113.300", "dir.yaml:5: services[0].vip: '203.0.113.300' is not an IPv4 or IPv6 address")]
    [InlineData("vip: fe80::1%eth0", "dir.yaml:5: services[0].vip: 'fe80::1%eth0' is not an IPv4 or IPv6 address")]
    [InlineData("scheduler: fastest", "dir.yaml:7: services[0].scheduler: 'fastest' is not a scheduler (rr, wrr, lc, wlc, sed, nq, sh, dh, mh)")]
    [InlineData("protocol: sctp", "dir.yaml:4: services[0].protocol: 'sctp' is not one of tcp, udp")]
    [InlineData("port: 65536", "dir.yaml:6: services[0].port: 65536 is out of range 0..65535")]
    [InlineData("persistence-timeout: 1y", "dir.yaml:8: services[0].persistence-timeout: '1y' is not a whole number")]
    public void Parse_BadServiceLine_ReportsFileLineAndKey(string serviceLine, string expected)
    {
        string[] lines = ["protocol: tcp", "vip: 203.0.113.10", "port: 80", "scheduler: mh", "persistence-timeout: 0", "reals: []"];
        string key = serviceLine[..serviceLine.IndexOf(':', StringComparison.Ordinal)];
        int replaced = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        lines[replaced] = serviceLine;
        string yaml = $"{Director}\nservices:\n  - {string.Join("\n    ", lines)}\n";

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.Equal(expected, Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Parse_UnknownTopLevelAndDirectorKeys_AreErrors()
    {
        string yaml = """
            director:
              tunnel-source: 192.0.2.2
              tunel-mtu: 1400
            services: []
            metrics: 127.0.0.1:9100
            """;

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.Equal(2, e.Errors.Count);
        Assert.StartsWith("dir.yaml:3: director.tunel-mtu: unknown key (known here: ", e.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("tunnel-mtu", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("dir.yaml:5: metrics: unknown key (known here: announce, director, services)", e.Errors[1].ToString());
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllInFileOrder()
    {
        string yaml = """
            director:
              tunnel-source: 2001:db8::1
              workers: 0
            services:
              - protocol: tcp
                vip: 203.0.113.10
                port: 80
                reals:
                  - address: 100.64.1.2
                    weight: 1
                  - address: 100.64.1.2
              - protocol: tcp
                vip: 203.0.113.10
                port: 80
                reals: []
            """;

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.Equal(
            [
                "dir.yaml:2: director.tunnel-source: 2001:db8::1 must be an IPv4 address",
                "dir.yaml:3: director.workers: 0 is out of range 1..1024",
                "dir.yaml:11: services[0].reals[1].address: 100.64.1.2 is already listed in this service at line 9",
                "dir.yaml:13: services[1].vip: service TCP 203.0.113.10:80 is already defined at line 5",
            ],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Parse_Ipv6RealWithoutIpv6TunnelSource_SaysWhatIsMissing()
    {
        string yaml = $"""
            {Director}
            services:
              - protocol: udp
                vip: 203.0.113.10
                port: 53
                reals:
                  - address: 2001:db8:1::2
            """;

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.Equal(
            "dir.yaml:8: services[0].reals[0].address: 2001:db8:1::2 is IPv6, so the director needs director.tunnel-source-v6 to reach it",
            Assert.Single(e.Errors).ToString());
    }

    [Theory]
    [InlineData("", "dir.yaml:1: the file is empty; it needs a director: section and a services: list")]
    [InlineData("director:\n  name: [unclosed\n", "dir.yaml:3: invalid YAML:")]
    [InlineData("director:\n  tunnel-source: 192.0.2.2\n  tunnel-source: 192.0.2.3\nservices: []\n", "dir.yaml:3: invalid YAML: Duplicate key")]
    [InlineData("- a\n- b\n", "dir.yaml:1: expected a mapping of keys, found a list")]
    [InlineData("director:\n  name: dir1\nservices: []\n", "dir.yaml:1: director.tunnel-source: is required")]
    [InlineData("director:\n  tunnel-source: 192.0.2.2\n  tun-device: this-name-is-too-long\nservices: []\n", "dir.yaml:3: director.tun-device: 'this-name-is-too-long' is not a valid interface name")]
    [InlineData("director:\n  tunnel-source: 192.0.2.2\n", "dir.yaml:1: services: is required")]
    public void Parse_BrokenFile_ReportsWhereAndWhat(string yaml, string expectedStart)
    {
        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(yaml, "dir.yaml"));

        Assert.StartsWith(expectedStart, e.Errors[0].ToString(), StringComparison.Ordinal);
    }
}
