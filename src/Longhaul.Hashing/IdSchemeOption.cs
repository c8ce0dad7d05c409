namespace Longhaul.Hashing;

/// <summary>One id scheme with the collisions (pairs of names sharing an id) to expect now and when the data has grown tenfold.</summary>
public sealed record IdSchemeOption(
    IdScheme Scheme,
    string Summary,
    int BytesPerId,
    double ExpectedCollisions,
    double ExpectedCollisionsAtTenfold);
