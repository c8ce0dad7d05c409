namespace Longhaul.Hashing;

/// <summary>One id shared by <paramref name="NameCount"/> distinct names; <paramref name="Names"/> holds up to the configured number of them, sorted.</summary>
public sealed record CollisionGroup(ulong Id, long NameCount, IReadOnlyList<string> Names);
