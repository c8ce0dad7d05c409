namespace Longhaul.EndToEnd.Tests;

/// <summary>The health-check tests share one lab whose director checks every real (<see cref="HealthFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class HealthCollection : ICollectionFixture<HealthFixture>
{
    public const string Name = "health-check lab";
}
