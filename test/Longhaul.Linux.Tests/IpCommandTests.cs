namespace Longhaul.Linux.Tests;

public sealed class IpCommandTests
{
    [Fact]
    public void Run_UnknownObject_ThrowsWithStderrAndExitCode()
    {
        var e = Assert.Throws<IpCommandException>(() => IpCommand.Current.Run("lhnonsense"));

        Assert.NotEqual(0, e.ExitCode);
        Assert.Contains("lhnonsense", e.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("ip lhnonsense failed (exit ", e.Message, StringComparison.Ordinal);
        Assert.Equal(["lhnonsense"], e.Arguments);
    }

    [Fact]
    public void FormatMessage_QuotesArgumentsWithSpaces()
    {
        string message = IpCommandException.FormatMessage(["link", "set", "dev", "a b", "up"], 1, "Cannot find device \"a b\"\n");

        Assert.Equal("ip link set dev 'a b' up failed (exit 1): Cannot find device \"a b\"", message);
    }

    [Fact]
    public void InNamespace_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => IpCommand.InNamespace("../etc"));
    }

    [RootFact]
    public void AddRoute_WithAdvmss_IsReportedByRouteGet()
    {
        using var ns = new TestNamespace();
        IpCommand ip = IpCommand.InNamespace(ns.Name);
        ip.AddVethPair("lhv0", "lhv1");
        ip.AddAddress("lhv0", "192.0.2.1/24");
        ip.LinkSetUp("lhv0");
        ip.LinkSetUp("lhv1");

        ip.AddRoute("203.0.113.0/24", device: "lhv0", via: "192.0.2.2", advmss: 1380);

        Assert.Equal(1380, ip.RouteGetAdvmss("203.0.113.7"));
        Assert.Null(ip.RouteGetAdvmss("192.0.2.9"));
        Assert.Contains("via 192.0.2.2 dev lhv0", ip.RouteGet("203.0.113.7"), StringComparison.Ordinal);

        ip.DeleteRoute("203.0.113.0/24");
        Assert.Throws<IpCommandException>(() => ip.RouteGet("203.0.113.7"));
    }

    [RootFact]
    public void AddVethPair_PeerInOtherNamespace_EndsUpThere()
    {
        using var left = new TestNamespace();
        using var right = new TestNamespace();

        IpCommand.InNamespace(left.Name).AddVethPair("lhva", "lhvb", peerNamespace: right.Name);

        Assert.True(IpCommand.InNamespace(left.Name).LinkExists("lhva"));
        Assert.False(IpCommand.InNamespace(left.Name).LinkExists("lhvb"));
        Assert.True(IpCommand.InNamespace(right.Name).LinkExists("lhvb"));
    }

    [RootFact]
    public void Current_InsideNamespaceThread_ActsInThatNamespace()
    {
        using var ns = new TestNamespace();
        IpCommand.InNamespace(ns.Name).AddVethPair("lhcur0", "lhcur1");

        // A child process inherits the calling thread's namespace, so a plain IpCommand sees the namespace's links.
        string links = ns.Run(() => IpCommand.Current.Run("-o", "link", "show"));

        Assert.Contains("lhcur0", links, StringComparison.Ordinal);
        Assert.DoesNotContain("lhcur0", IpCommand.Current.Run("-o", "link", "show"), StringComparison.Ordinal);
    }

    [RootFact]
    public void Exec_RunsProgramInNamespace()
    {
        using var ns = new TestNamespace();

        string output = IpCommand.Exec(ns.Name, "cat", "/proc/sys/net/ipv4/ip_forward");

        Assert.Equal("0", output.Trim());
    }
}
