namespace Longhaul.Linux.Tests;

public sealed class InteropTests
{
    [Fact]
    public void Read_InvalidDescriptor_ReturnsNegativeEbadf()
    {
        var handle = new FileDescriptorHandle(987_654);
        try
        {
            Assert.Equal(Errno.EBADF.AsResult(), Interop.Libc.Read(handle, new byte[16]));
            Assert.Equal(Errno.EBADF.AsResult(), Interop.Libc.Write(handle, new byte[16]));
        }
        finally
        {
            handle.SetHandleAsInvalid();
        }
    }

    [Fact]
    public void Open_MissingFile_ReturnsNegativeEnoent()
    {
        Assert.Equal(Errno.ENOENT.AsResult(), Interop.Libc.Open("/proc/lh-no-such-file", Interop.Libc.O_RDONLY));
    }

    [Fact]
    public unsafe void StructSizes_MatchLinux64()
    {
        Assert.Equal(16, sizeof(Interop.Libc.IoVec));
        Assert.Equal(56, sizeof(Interop.Libc.MsgHdr));
        Assert.Equal(64, sizeof(Interop.Libc.MMsgHdr));
        Assert.Equal(40, sizeof(Interop.Libc.IfReq));
        Assert.Equal(8, sizeof(Interop.Libc.PollFd));
        Assert.Equal(16, sizeof(Interop.Libc.TimeVal));
    }

    [Fact]
    public void EffectiveUserId_MatchesProcStatus()
    {
        string uidLine = File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        string effective = uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2];

        Assert.Equal(uint.Parse(effective), Privileges.EffectiveUserId);
        Assert.Equal(effective == "0", Privileges.IsRoot);
    }

    [Fact]
    public void RequireRoot_MatchesIsRoot()
    {
        if (Privileges.IsRoot)
        {
            Privileges.RequireRoot("testing");
        }
        else
        {
            var e = Assert.Throws<LinuxException>(() => Privileges.RequireRoot("creating the lab"));
            Assert.StartsWith("creating the lab needs root", e.Message, StringComparison.Ordinal);
        }
    }
}
