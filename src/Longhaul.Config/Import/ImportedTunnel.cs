namespace Longhaul.Config.Import;

/// <summary>How the source configured a real's encapsulation (ipvsadm <c>--tun-*</c>, keepalived <c>lvs_method TUN type</c>).</summary>
/// <param name="Kind">ipip, gue, or null when the source did not ask for a tunnel (DR, or a tunnel of the director's default type).</param>
/// <param name="GuePort">The GUE destination port.</param>
/// <param name="Checksum">nocsum, csum or remcsum as written; null when not given.</param>
internal sealed record ImportedTunnel(string? Kind, int GuePort = 0, string? Checksum = null)
{
    public static ImportedTunnel Unspecified { get; } = new((string?)null);

    public static ImportedTunnel Ipip { get; } = new("ipip");
}
