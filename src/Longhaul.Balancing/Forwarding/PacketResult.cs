using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>The pipeline's answer for one packet: what to do, where the bytes to send now start, and to whom.</summary>
public struct PacketResult
{
    public Verdict Verdict;

    public DropReason Drop;

    /// <summary>Start of the bytes to send in the buffer (the outer header for Forward, the IP header of the ICMP error for Reply).</summary>
    public int Offset;

    public int Length;

    /// <summary>The real server (Forward) or the client (Reply).</summary>
    public NetAddress NextHop;

    /// <summary>The real that took the packet, or -1.</summary>
    public int RealId;
}
