using System.Runtime.CompilerServices;

namespace Longhaul.Packets;

/// <summary>Bytes the tunnel adds in front of the inner packet.</summary>
public static class TunnelOverhead
{
    public const int UdpHeader = 8;
    public const int GueHeader = 4;

    /// <summary>IPIP: 20 (IPv4 outer) or 40 (IPv6 outer); GUE adds 8 (UDP) and, for variant 0, 4 (GUE header).</summary>
    /// <param name="innerIsV6">Does not change the size today; kept so callers state the full combination.</param>
    public static int For(TunnelKind kind, GueVariant variant, bool outerIsV6, bool innerIsV6)
    {
        _ = innerIsV6;
        int overhead = Compute(kind, variant, outerIsV6);
        return overhead >= 0 ? overhead : throw new ArgumentOutOfRangeException(nameof(kind), $"{kind}/{variant} is not a tunnel Longhaul knows.");
    }

    /// <summary>The overhead, or -1 for an unknown kind or variant; the non-throwing form used per packet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Compute(TunnelKind kind, GueVariant variant, bool outerIsV6)
    {
        int ip = outerIsV6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        return kind switch
        {
            TunnelKind.Ipip => ip,
            TunnelKind.Gue when variant == GueVariant.V0 => ip + UdpHeader + GueHeader,
            TunnelKind.Gue when variant == GueVariant.V1 => ip + UdpHeader,
            _ => -1,
        };
    }
}
