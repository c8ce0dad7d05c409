namespace Longhaul.Egress;

/// <summary>Ports and limits shared by the director's check, the agent's responder and the manual tools.</summary>
public static class EgressDefaults
{
    /// <summary>
    /// UDP port of the probe inside the tunnel (to the VIP) and of the manual listener. Next to GUE's 6080 so one
    /// firewall note covers both; only datagrams with the probe magic from an allowed director are taken.
    /// </summary>
    public const ushort ProbePort = 6081;

    /// <summary>First destination port of traceroute-style probes, as traceroute(8) uses.</summary>
    public const ushort TracerouteBasePort = 33434;

    /// <summary>Replies per second an agent sends at most (two per probe), so it cannot be turned into a reflector.</summary>
    public const int RepliesPerSecond = 100;

    /// <summary>High byte of the IPv4 identification / IPv6 flow label of traceroute probes; the low byte is the TTL.</summary>
    public const int TracerouteTag = 0x4C;

    public const byte Ttl = 64;
}
