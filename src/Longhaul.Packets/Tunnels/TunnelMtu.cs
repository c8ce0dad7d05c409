namespace Longhaul.Packets;

/// <summary>MTU arithmetic for the tunnel path.</summary>
public static class TunnelMtu
{
    /// <summary>
    /// The largest inner packet that fits a path of <paramref name="tunnelMtu"/> bytes after <paramref name="overhead"/>
    /// bytes of outer headers (e.g. 1500 − 20 = 1480 for IPIP over IPv4). This is the MTU to announce in
    /// fragmentation-needed / packet-too-big replies. Never negative.
    /// </summary>
    public static int MaxInnerPacket(int tunnelMtu, int overhead) => Math.Max(0, tunnelMtu - overhead);
}
