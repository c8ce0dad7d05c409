using System.Runtime.InteropServices;

namespace Longhaul.Linux.Tests;

public sealed class ErrnoTests
{
    // libc's own text for each number: a wrong enum value shows up as a mismatched message.
    [Theory]
    [InlineData(Errno.EPERM, "Operation not permitted")]
    [InlineData(Errno.ENOENT, "No such file or directory")]
    [InlineData(Errno.EINTR, "Interrupted system call")]
    [InlineData(Errno.EBADF, "Bad file descriptor")]
    [InlineData(Errno.EAGAIN, "Resource temporarily unavailable")]
    [InlineData(Errno.EACCES, "Permission denied")]
    [InlineData(Errno.EBUSY, "Device or resource busy")]
    [InlineData(Errno.EEXIST, "File exists")]
    [InlineData(Errno.ENODEV, "No such device")]
    [InlineData(Errno.EINVAL, "Invalid argument")]
    [InlineData(Errno.EMSGSIZE, "Message too long")]
    [InlineData(Errno.EPROTONOSUPPORT, "Protocol not supported")]
    [InlineData(Errno.EAFNOSUPPORT, "Address family not supported by protocol")]
    [InlineData(Errno.EADDRINUSE, "Address already in use")]
    [InlineData(Errno.ENETUNREACH, "Network is unreachable")]
    [InlineData(Errno.ENOBUFS, "No buffer space available")]
    [InlineData(Errno.EHOSTUNREACH, "No route to host")]
    public void EnumValue_MatchesLibcNumber(Errno errno, string libcText)
    {
        Assert.Equal(libcText, Marshal.GetPInvokeErrorMessage((int)errno));
    }

    [Fact]
    public void EveryEnumValue_HasLibcText()
    {
        foreach (Errno errno in Enum.GetValues<Errno>())
        {
            if (errno == Errno.None)
            {
                continue;
            }

            Assert.DoesNotContain("Unknown error", Marshal.GetPInvokeErrorMessage((int)errno), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, Errno.None)]
    [InlineData(1500, Errno.None)]
    [InlineData(-11, Errno.EAGAIN)]
    [InlineData(-90, Errno.EMSGSIZE)]
    public void FromResult_MapsNegativeResults(int result, Errno expected)
    {
        Assert.Equal(expected, ErrnoExtensions.FromResult(result));
    }

    [Fact]
    public void AsResult_IsNegatedValue()
    {
        Assert.Equal(-22, Errno.EINVAL.AsResult());
        Assert.Equal(Errno.EINVAL, ErrnoExtensions.FromResult(Errno.EINVAL.AsResult()));
    }

    [Fact]
    public void Describe_GivesNameAndText()
    {
        Assert.Equal("EPERM (Operation not permitted)", Errno.EPERM.Describe());
        Assert.Equal("errno 200 (Unknown error 200)", ((Errno)200).Describe());
    }

    [Theory]
    [InlineData(Errno.EAGAIN, true)]
    [InlineData(Errno.ENOBUFS, true)]
    [InlineData(Errno.EMSGSIZE, false)]
    [InlineData(Errno.EBADF, false)]
    public void IsTransient_SeparatesLoadFromFaults(Errno errno, bool expected)
    {
        Assert.Equal(expected, errno.IsTransient());
    }
}
