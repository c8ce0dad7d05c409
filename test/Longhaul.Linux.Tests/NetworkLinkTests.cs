namespace Longhaul.Linux.Tests;

public sealed class NetworkLinkTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("a b")]
    [InlineData("sixteen-chars-xx")]
    public void ValidateName_Invalid_Throws(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => NetworkLink.ValidateName(name));
    }

    [Theory]
    [InlineData("lo")]
    [InlineData("lh-dir0")]
    [InlineData("fifteen-chars-x")]
    [InlineData("lh%d")]
    public void ValidateName_Valid_DoesNotThrow(string name)
    {
        NetworkLink.ValidateName(name);
    }

    [Fact]
    public void GetIndex_Loopback_IsPositive()
    {
        Assert.True(NetworkLink.GetIndex("lo") > 0);
        Assert.True(NetworkLink.Exists("lo"));
    }

    [Fact]
    public void GetMtu_Loopback_IsReadable()
    {
        Assert.True(NetworkLink.GetMtu("lo") >= 1280);
    }

    [Fact]
    public void GetIndex_Missing_ThrowsEnodev()
    {
        var e = Assert.Throws<LinuxException>(() => NetworkLink.GetIndex("lhnosuchdev0"));

        Assert.Equal(Errno.ENODEV, e.Errno);
        Assert.Contains("lhnosuchdev0", e.Message, StringComparison.Ordinal);
        Assert.False(NetworkLink.Exists("lhnosuchdev0"));
    }

    [RootFact]
    public void SetDownSetUp_InNamespace_TogglesFlag()
    {
        using var ns = new TestNamespace();

        (bool before, bool down, bool up) = ns.Run(() =>
        {
            bool b = NetworkLink.IsUp("lo");
            NetworkLink.SetDown("lo");
            bool d = NetworkLink.IsUp("lo");
            NetworkLink.SetUp("lo");
            return (b, d, NetworkLink.IsUp("lo"));
        });

        Assert.True(before);
        Assert.False(down);
        Assert.True(up);
    }
}
