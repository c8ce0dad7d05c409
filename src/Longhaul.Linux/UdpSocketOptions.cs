namespace Longhaul.Linux;

/// <summary>How a <see cref="UdpSocket"/> is opened.</summary>
public sealed record UdpSocketOptions
{
    public static UdpSocketOptions Default { get; } = new();

    /// <summary>SO_RCVTIMEO: a blocking receive returns -EAGAIN after this long. Null or zero waits forever.</summary>
    public TimeSpan? ReceiveTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    public bool NonBlocking { get; init; }

    /// <summary>
    /// SO_REUSEPORT: several sockets (one per worker) bind the same port and the kernel spreads datagrams
    /// across them by flow hash -- the way to scale GUE receive, which raw sockets cannot do.
    /// </summary>
    public bool ReusePort { get; init; }

    /// <summary>IPV6_V6ONLY for sockets bound to an IPv6 address; false (the default) also takes IPv4 on [::].</summary>
    public bool V6Only { get; init; }

    public int? ReceiveBufferSize { get; init; }

    public int? SendBufferSize { get; init; }
}
