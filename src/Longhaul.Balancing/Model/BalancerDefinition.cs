namespace Longhaul.Balancing.Model;

/// <summary>
/// Everything the forwarding snapshot is compiled from. Directors given equal definitions (same services,
/// reals, weights and <see cref="HashSeed"/>) send every flow to the same real.
/// </summary>
public sealed record BalancerDefinition(
    TunnelSettings Tunnel,
    IReadOnlyList<ServiceDefinition> Services,
    ulong HashSeed = 0,
    int MaglevTableSize = 65537);
