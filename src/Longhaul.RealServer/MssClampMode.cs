namespace Longhaul.RealServer;

public enum MssClampMode : byte
{
    /// <summary>Derive advmss from the tunnel MTU and the largest overhead the agent can receive.</summary>
    Auto,

    /// <summary>An operator-given IPv4 advmss (IPv6 gets 20 less for its larger header).</summary>
    Fixed,

    /// <summary>Leave the routes alone (e.g. an iptables TCPMSS rule or jumbo frames already handle it).</summary>
    Off,
}
