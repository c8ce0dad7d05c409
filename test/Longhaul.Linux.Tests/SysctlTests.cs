namespace Longhaul.Linux.Tests;

public sealed class SysctlTests
{
    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net.ipv4.conf.all.rp_filter", "/proc/sys/net/ipv4/conf/all/rp_filter")]
    [InlineData("net.ipv4.conf.eth0/100.rp_filter", "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")]
    [InlineData("net/ipv4/conf/eth0.100/rp_filter", "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")]
    [InlineData("net.ipv6.conf.lh-dir0.disable_ipv6", "/proc/sys/net/ipv6/conf/lh-dir0/disable_ipv6")]
    [InlineData("kernel.ostype", "/proc/sys/kernel/ostype")]
    public void KeyToPath_SysctlForms_MapsLikeSysctl8(string key, string expected)
    {
        Assert.Equal(expected, Sysctl.KeyToPath(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("net..ipv4")]
    [InlineData(".net.ipv4")]
    [InlineData("net.ipv4.")]
    [InlineData("net/../../etc/passwd")]
    [InlineData("net.ipv4.conf.a b.rp_filter")]
    public void KeyToPath_Malformed_Throws(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => Sysctl.KeyToPath(key));
    }

    [Fact]
    public void Read_KernelOsType_IsLinux()
    {
        Assert.Equal("Linux", Sysctl.Read("kernel.ostype"));
    }

    [Fact]
    public void Read_UnknownKey_ThrowsWithEnoent()
    {
        var e = Assert.Throws<LinuxException>(() => Sysctl.Read("net.ipv4.no_such_key_lh"));

        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("net.ipv4.no_such_key_lh", e.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public void Change_InsideNamespace_AppliesThereAndRestores()
    {
        string hostBefore = Sysctl.Read("net.ipv4.ip_forward");
        using var ns = new TestNamespace();

        (string during, string after) = ns.Run(() =>
        {
            string observed;
            using (Sysctl.Change("net.ipv4.ip_forward", "1"))
            {
                observed = Sysctl.Read("net.ipv4.ip_forward");
            }

            return (observed, Sysctl.Read("net.ipv4.ip_forward"));
        });

        Assert.Equal("1", during);
        Assert.Equal("0", after);
        Assert.Equal(hostBefore, Sysctl.Read("net.ipv4.ip_forward"));
    }

    [RootFact]
    public void Write_InvalidValue_ThrowsEinval()
    {
        using var ns = new TestNamespace();

        var e = Assert.Throws<LinuxException>(() => ns.Run(() => Sysctl.Write("net.ipv4.ip_forward", "not-a-number")));

        Assert.Equal(Errno.EINVAL, e.Errno);
    }
}
