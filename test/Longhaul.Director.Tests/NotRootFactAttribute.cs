using Longhaul.Linux;

namespace Longhaul.Director.Tests;

/// <summary>A fact about what an unprivileged user sees; skipped when running as root.</summary>
public sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (Privileges.IsRoot)
        {
            Skip = "runs only without root: checks the refusal message";
        }
    }
}
