using Longhaul.Director.Runtime;
using Longhaul.Linux;

namespace Longhaul.Director.Tests;

public sealed class DirectorRuntimeTests
{
    [NotRootFact]
    public void Start_NotRoot_RefusesWithWhatNeedsRootAndNothingIsCreated()
    {
        var e = Assert.Throws<LinuxException>(() => DirectorRuntime.Start(TestConfigs.Config(), DirectorLog.Null));

        Assert.Equal(Errno.EPERM, e.Errno);
        Assert.Contains("running the director", e.Message, StringComparison.Ordinal);
        Assert.Contains("sudo", e.Message, StringComparison.Ordinal);
    }
}
