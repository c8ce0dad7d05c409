namespace Longhaul.EndToEnd.Tests;

/// <summary>Every end-to-end test shares one lab (namespaces have fixed names, so there can only be one).</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}
