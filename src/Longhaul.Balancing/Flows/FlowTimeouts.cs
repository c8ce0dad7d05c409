namespace Longhaul.Balancing.Flows;

/// <summary>
/// Idle timeouts per flow state. Defaults follow ipvsadm's <c>--timeout</c> (tcp 900 s, tcpfin 120 s,
/// udp 300 s); the SYN timeout is short so that half-open flows from a flood leave the table quickly.
/// </summary>
public sealed record FlowTimeouts(
    TimeSpan TcpSyn,
    TimeSpan TcpEstablished,
    TimeSpan TcpClosing,
    TimeSpan Udp)
{
    public static FlowTimeouts Default { get; } = new(
        TcpSyn: TimeSpan.FromSeconds(30),
        TcpEstablished: TimeSpan.FromSeconds(900),
        TcpClosing: TimeSpan.FromSeconds(120),
        Udp: TimeSpan.FromSeconds(300));

    /// <summary>Idle timeout for a state, in the flow table's millisecond clock.</summary>
    public long MillisecondsFor(FlowState state) => state switch
    {
        FlowState.SynSent => (long)TcpSyn.TotalMilliseconds,
        FlowState.Established => (long)TcpEstablished.TotalMilliseconds,
        FlowState.Closing => (long)TcpClosing.TotalMilliseconds,
        _ => (long)Udp.TotalMilliseconds,
    };
}
