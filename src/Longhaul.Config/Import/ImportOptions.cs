using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>
/// What the operator can tell the importer that ipvsadm and keepalived files do not say. Without a tunnel source
/// the YAML gets a <c>REPLACE-ME</c> placeholder that fails validation until it is set.
/// </summary>
/// <param name="TunnelSourceV4">The director's own routable IPv4 address (<c>director.tunnel-source</c>), or None.</param>
/// <param name="TunnelSourceV6">The director's own routable IPv6 address (<c>director.tunnel-source-v6</c>), or None.</param>
public sealed record ImportOptions(NetAddress TunnelSourceV4, NetAddress TunnelSourceV6)
{
    public static ImportOptions Default { get; } = new(NetAddress.None, NetAddress.None);

    /// <summary>Options from a list of tunnel source addresses, at most one per family.</summary>
    public static ImportOptions FromTunnelSources(IEnumerable<NetAddress> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        NetAddress v4 = NetAddress.None;
        NetAddress v6 = NetAddress.None;
        foreach (NetAddress source in sources)
        {
            ref NetAddress slot = ref source.IsIPv4 ? ref v4 : ref v6;
            if (!slot.IsNone && slot != source)
            {
                throw new ArgumentException($"two {(source.IsIPv4 ? "IPv4" : "IPv6")} tunnel sources given ({slot} and {source}); a director has one per family", nameof(sources));
            }

            slot = source;
        }

        return new ImportOptions(v4, v6);
    }
}
