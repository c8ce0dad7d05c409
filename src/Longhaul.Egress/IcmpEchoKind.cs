namespace Longhaul.Egress;

/// <summary>Which ICMP error quoted one of our traceroute probes.</summary>
public enum IcmpEchoKind
{
    /// <summary>A router on the way let the TTL run out: the probe got that far.</summary>
    TimeExceeded,

    /// <summary>The destination itself answered "port unreachable": the probe went all the way.</summary>
    PortUnreachable,

    /// <summary>Another unreachable (host, network, administratively prohibited) from somewhere on the path.</summary>
    OtherUnreachable,
}
