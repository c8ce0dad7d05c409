namespace Longhaul.Packets;

/// <summary>
/// How to wrap one packet for one real server. Built once per real by the control plane; the per-flow
/// <see cref="SourcePort"/> is set per packet with <c>with { SourcePort = ... }</c>, which copies a small struct.
/// </summary>
public readonly struct TunnelParameters
{
    public const ushort DefaultGuePort = 6080;
    public const byte DefaultTtl = 64;

    public TunnelParameters(
        TunnelKind kind,
        NetAddress outerSource,
        NetAddress outerDestination,
        GueVariant variant = GueVariant.V0,
        ushort guePort = DefaultGuePort,
        ushort sourcePort = 0,
        byte ttl = DefaultTtl)
    {
        Kind = kind;
        OuterSource = outerSource;
        OuterDestination = outerDestination;
        Variant = variant;
        GuePort = guePort;
        SourcePort = sourcePort;
        Ttl = ttl;
    }

    public TunnelKind Kind { get; init; }

    /// <summary>The director's own routable address: a crafted source would fail the ISPs' anti-spoofing filters.</summary>
    public NetAddress OuterSource { get; init; }

    /// <summary>The real server.</summary>
    public NetAddress OuterDestination { get; init; }

    public GueVariant Variant { get; init; }

    /// <summary>Outer UDP destination port for GUE; 0 means <see cref="DefaultGuePort"/>.</summary>
    public ushort GuePort { get; init; }

    /// <summary>
    /// Flow-hash entropy for the outer UDP source port so ECMP and RSS along the way spread flows. The encapsulator
    /// forces the top two bits on, so the port always lands in the ephemeral range 49152..65535 and is never 0.
    /// </summary>
    public ushort SourcePort { get; init; }

    /// <summary>Outer TTL / hop limit; 0 means <see cref="DefaultTtl"/> so a default-constructed value is still usable.</summary>
    public byte Ttl { get; init; }

    /// <summary>Maps a flow hash onto the ephemeral port range, keeping its low 14 bits.</summary>
    public static ushort EntropyPort(uint flowHash) => (ushort)(0xC000 | (flowHash & 0x3FFF));
}
