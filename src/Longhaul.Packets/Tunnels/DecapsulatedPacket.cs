namespace Longhaul.Packets;

/// <summary>Where the inner packet sits inside the received outer packet, and who sent it.</summary>
public struct DecapsulatedPacket
{
    /// <summary>The director that sent the packet; the agent checks it against the allowed directors.</summary>
    public NetAddress OuterSource;

    public NetAddress OuterDestination;

    public TunnelKind Kind;

    /// <summary>Meaningful for <see cref="TunnelKind.Gue"/> only.</summary>
    public GueVariant Variant;

    /// <summary>Offset of the inner IP header within the span given to the decapsulator.</summary>
    public int InnerOffset;

    public int InnerLength;

    public bool InnerIsIPv6;
}
