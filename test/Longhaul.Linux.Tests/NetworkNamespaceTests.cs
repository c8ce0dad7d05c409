namespace Longhaul.Linux.Tests;

public sealed class NetworkNamespaceTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void ValidateName_Invalid_Throws(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => NetworkNamespace.ValidateName(name));
    }

    [Fact]
    public void Attach_Missing_ThrowsEnoent()
    {
        var e = Assert.Throws<LinuxException>(() => NetworkNamespace.Attach("lhtest-linux-does-not-exist"));

        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("ip netns add", e.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public void CreateAndDispose_CreatesThenDeletes()
    {
        string name;
        using (var ns = new TestNamespace())
        {
            name = ns.Name;
            Assert.True(NetworkNamespace.Exists(name));
            Assert.Contains(name, IpCommand.ListNamespaces());
        }

        Assert.False(NetworkNamespace.Exists(name));
        Assert.DoesNotContain(name, IpCommand.ListNamespaces());
    }

    [RootFact]
    public void Run_Body_SeesOnlyNamespaceLinks()
    {
        using var ns = new TestNamespace();

        (bool hasLo, string[] links) = ns.Run(() => (NetworkLink.Exists("lo"), ReadLinkNames()));

        Assert.True(hasLo);
        Assert.Equal(["lo"], links);
    }

    [RootFact]
    public void Run_BodyThrows_ExceptionReachesCaller()
    {
        using var ns = new TestNamespace();

        var e = Assert.Throws<InvalidOperationException>(() => ns.Run(() => throw new InvalidOperationException("inside")));

        Assert.Equal("inside", e.Message);
    }

    [RootFact]
    public void EnterOnCurrentThread_Dispose_RestoresOriginalNamespace()
    {
        using var ns = new TestNamespace();
        string? before = null, during = null, after = null;
        Exception? failure = null;

        // A thread of our own, so a failed restore could never strand a test-runner thread.
        var thread = new Thread(() =>
        {
            try
            {
                before = CurrentThreadNamespace();
                using (NetworkNamespaceScope scope = NetworkNamespace.EnterOnCurrentThread(ns.Name))
                {
                    during = CurrentThreadNamespace();
                }

                after = CurrentThreadNamespace();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        Assert.Null(failure);
        Assert.NotNull(before);
        Assert.NotEqual(before, during);
        Assert.Equal(before, after);
        Assert.Equal(during, ns.Run(CurrentThreadNamespace));
    }

    private static string CurrentThreadNamespace() =>
        new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? throw new InvalidOperationException("no netns link");

    private static string[] ReadLinkNames()
    {
        // /sys/class/net shows the namespace of whoever mounted /sys, so ask the kernel per thread instead.
        return File.ReadAllLines("/proc/thread-self/net/dev")
            .Skip(2)
            .Select(line => line.Split(':')[0].Trim())
            .ToArray();
    }
}
