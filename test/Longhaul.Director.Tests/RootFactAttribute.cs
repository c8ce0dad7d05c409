using Longhaul.Linux;

namespace Longhaul.Director.Tests;

/// <summary>A fact that needs root; skipped, with the reason, for everyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = "needs root: builds client, director and real-server network namespaces and runs the director in one";
        }
    }
}
