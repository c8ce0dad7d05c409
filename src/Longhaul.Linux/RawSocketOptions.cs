namespace Longhaul.Linux;

/// <summary>How a <see cref="RawSocket"/> is opened.</summary>
public sealed record RawSocketOptions
{
    public static RawSocketOptions Default { get; } = new();

    /// <summary>
    /// SO_RCVTIMEO for blocking receives: a receive that waits this long returns -EAGAIN, so a worker loop
    /// gets back control to check its CancellationToken. Null or zero waits forever.
    /// </summary>
    public TimeSpan? ReceiveTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>SOCK_NONBLOCK: receives and sends return -EAGAIN instead of waiting (pair with WaitReadable).</summary>
    public bool NonBlocking { get; init; }

    /// <summary>SO_RCVBUF in bytes (the kernel doubles it and caps it at net.core.rmem_max); null keeps the default.</summary>
    public int? ReceiveBufferSize { get; init; }

    /// <summary>SO_SNDBUF in bytes (capped at net.core.wmem_max); null keeps the default.</summary>
    public int? SendBufferSize { get; init; }
}
