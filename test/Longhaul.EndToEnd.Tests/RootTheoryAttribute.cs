using Longhaul.Linux;

namespace Longhaul.EndToEnd.Tests;

/// <summary>A theory that needs root; skipped, with the reason, for everyone else.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = LabFixture.NotRootReason;
        }
    }
}
