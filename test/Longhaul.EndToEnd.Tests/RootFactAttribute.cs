using Longhaul.Linux;

namespace Longhaul.EndToEnd.Tests;

/// <summary>A fact that needs root; skipped, with the reason, for everyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = LabFixture.NotRootReason;
        }
    }
}
