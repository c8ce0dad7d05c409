namespace Longhaul.RealServer.Egress;

/// <summary>
/// The agent's hook for egress probes: sits in front of the TUN sink and takes the probes out before they reach
/// the kernel (the kernel has no listener on the probe port and would answer "port unreachable" from the VIP).
/// Everything else passes through untouched; a consumed probe counts as delivered.
/// </summary>
internal sealed class EgressProbeSink : IInnerPacketSink
{
    private readonly IInnerPacketSink _next;
    private readonly EgressResponder _responder;

    public EgressProbeSink(IInnerPacketSink next, EgressResponder responder)
    {
        _next = next;
        _responder = responder;
    }

    public int Write(ReadOnlySpan<byte> packet) => _responder.TryHandle(packet) ? packet.Length : _next.Write(packet);
}
