using System.Net.Sockets;

namespace Longhaul.Linux.Tests;

public sealed class PermissionErrorTests
{
    [NotRootFact]
    public void OpenSender_WithoutRoot_ExplainsWhatIsMissing()
    {
        var e = Assert.Throws<LinuxException>(() => RawSocket.OpenSender(AddressFamily.InterNetwork));

        Assert.Equal(Errno.EPERM, e.Errno);
        Assert.Equal(
            "creating raw IPv4 sender socket (IPPROTO_RAW): EPERM (Operation not permitted; are you root? raw sockets need CAP_NET_RAW)",
            e.Message);
    }

    [NotRootFact]
    public void TunOpen_WithoutRoot_ExplainsWhatIsMissing()
    {
        var e = Assert.Throws<LinuxException>(() => TunDevice.Open("lh-dir0"));

        // EACCES when /dev/net/tun itself is root-only, EPERM from TUNSETIFF when only the ioctl is refused.
        Assert.Contains(e.Errno, new[] { Errno.EPERM, Errno.EACCES });
        Assert.Contains("'lh-dir0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("are you root?", e.Message, StringComparison.Ordinal);
    }
}
