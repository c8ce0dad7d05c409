using Longhaul.Linux;

namespace Longhaul.Egress.Tests;

/// <summary>A fact that needs root; skipped, with the reason, for everyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = "needs root: creates network namespaces, TUN devices and raw sockets";
        }
    }
}
