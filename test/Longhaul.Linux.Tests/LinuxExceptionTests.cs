namespace Longhaul.Linux.Tests;

public sealed class LinuxExceptionTests
{
    [Fact]
    public void Message_PermissionError_NamesOperationErrnoAndRootHint()
    {
        var e = new LinuxException(Errno.EPERM, "opening /dev/net/tun for 'lh-dir0'");

        Assert.Equal("opening /dev/net/tun for 'lh-dir0': EPERM (Operation not permitted; are you root?)", e.Message);
        Assert.Equal(Errno.EPERM, e.Errno);
        Assert.Equal("opening /dev/net/tun for 'lh-dir0'", e.Operation);
    }

    [Fact]
    public void Message_OtherError_HasNoHint()
    {
        var e = new LinuxException(Errno.EINVAL, "setting the MTU of 'lh0' to 10");

        Assert.Equal("setting the MTU of 'lh0' to 10: EINVAL (Invalid argument)", e.Message);
    }

    [Fact]
    public void FromResult_ExplicitHint_ReplacesDefault()
    {
        var e = LinuxException.FromResult(-2, "reading sysctl x", "no such key");

        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("reading sysctl x: ENOENT (No such file or directory; no such key)", e.Message);
    }
}
