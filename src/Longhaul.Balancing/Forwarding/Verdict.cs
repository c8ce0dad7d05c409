namespace Longhaul.Balancing.Forwarding;

/// <summary>What the I/O layer does with a packet after the pipeline has processed it.</summary>
public enum Verdict : byte
{
    /// <summary>Count and discard (<see cref="PacketResult.Drop"/> says why).</summary>
    Drop = 0,

    /// <summary>Send the encapsulated packet to <see cref="PacketResult.NextHop"/>, a real server.</summary>
    Forward = 1,

    /// <summary>Send the ICMP error written into the buffer back to the client (<see cref="PacketResult.NextHop"/>).</summary>
    Reply = 2,
}
