using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The key a persistent service pins a client on: like IPVS, the client address under the service's netmask,
/// the VIP, the service port (0 for an every-port service) and the protocol, so all of a client's connections
/// to the service stick together.
/// </summary>
public static class PersistenceTemplate
{
    /// <summary>Keeps template hashes apart from flow hashes of the same bytes.</summary>
    private const ulong SeedSalt = 0x9E37_79B9_7F4A_7C15;

    /// <summary>
    /// The template of <paramref name="flow"/> and its hash. The hash is also what a persistent service schedules a
    /// client's first connection by, so hash-based schedulers (Maglev, the default) choose the same real for the
    /// whole client prefix in every worker and on every director with the same seed, before any template exists:
    /// templates are per worker and never synchronised, and need not be.
    /// </summary>
    public static (FlowKey Key, ulong Hash) Of(CompiledService service, in FlowKey flow, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Persistence is not { } persistence)
        {
            throw new ArgumentException($"service {service.Key} has no persistence", nameof(service));
        }

        int prefix = flow.Source.IsIPv4 ? persistence.PrefixLengthV4 : persistence.PrefixLengthV6;
        var key = new FlowKey(flow.Source.Mask(prefix), flow.Destination, 0, service.Key.Port, flow.Protocol);
        return (key, FlowHasher.Hash(key, seed ^ SeedSalt));
    }
}
