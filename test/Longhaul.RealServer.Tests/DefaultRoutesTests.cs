namespace Longhaul.RealServer.Tests;

public sealed class DefaultRoutesTests
{
    [Fact]
    public void Tokenize_PlainRoute_KeepsEverything()
    {
        Assert.Equal(
            ["default", "via", "100.64.1.1", "dev", "eth0", "proto", "static", "metric", "100"],
            DefaultRoutes.Tokenize("default via 100.64.1.1 dev eth0 proto static metric 100 "));
    }

    [Fact]
    public void Tokenize_OutputOnlyFlagsAndExpires_AreDropped()
    {
        Assert.Equal(
            ["default", "via", "fe80::1", "dev", "eth0", "proto", "ra", "metric", "1024", "hoplimit", "64", "pref", "medium"],
            DefaultRoutes.Tokenize("default via fe80::1 dev eth0 proto ra metric 1024 expires 1789sec hoplimit 64 pref medium linkdown"));
    }

    [Fact]
    public void Tokenize_MultipathOneLine_DropsBackslashes()
    {
        Assert.Equal(
            ["default", "proto", "static", "nexthop", "via", "10.0.0.1", "dev", "eth0", "weight", "1", "nexthop", "via", "10.0.1.1", "dev", "eth1", "weight", "1"],
            DefaultRoutes.Tokenize("default proto static \\\tnexthop via 10.0.0.1 dev eth0 weight 1 \\\tnexthop via 10.0.1.1 dev eth1 weight 1 "));
    }

    [Fact]
    public void WithAdvmss_NoMetric_InsertsAfterPrefixAndKeepsOriginal()
    {
        string[] route = ["default", "via", "100.64.1.1", "dev", "eth0"];

        List<string> clamped = DefaultRoutes.WithAdvmss(route, 1428);

        Assert.Equal(["default", "advmss", "1428", "via", "100.64.1.1", "dev", "eth0"], clamped);
        Assert.Equal(["default", "via", "100.64.1.1", "dev", "eth0"], route);
        Assert.Equal(1428, DefaultRoutes.Advmss(clamped));
        Assert.Null(DefaultRoutes.Advmss(route));
    }

    [Fact]
    public void WithAdvmss_ExistingMetric_ReplacesValue()
    {
        Assert.Equal(
            ["default", "via", "192.0.2.1", "dev", "eth0", "advmss", "1300"],
            DefaultRoutes.WithAdvmss(["default", "via", "192.0.2.1", "dev", "eth0", "advmss", "1460"], 1300));
    }
}
