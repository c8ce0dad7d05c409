[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// The multi-director tests share one 3-director lab. Namespace names are fixed, so only one lab can exist at a
/// time: collections run one after the other (the assembly attribute above), each building and removing its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MultiDirectorCollection : ICollectionFixture<MultiDirectorFixture>
{
    public const string Name = "multi-director lab";
}
