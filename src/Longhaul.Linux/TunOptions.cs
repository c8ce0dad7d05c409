namespace Longhaul.Linux;

/// <summary>How a <see cref="TunDevice"/> queue is opened.</summary>
public sealed record TunOptions
{
    public static TunOptions Default { get; } = new();

    /// <summary>O_NONBLOCK: Read returns -EAGAIN when nothing is queued; wait with WaitReadable.</summary>
    public bool NonBlocking { get; init; }

    /// <summary>
    /// IFF_MULTI_QUEUE: each open of the same name adds a queue, and the kernel spreads packets across the
    /// queues by flow hash -- one queue per worker. All queues of a device must agree on this flag.
    /// </summary>
    public bool MultiQueue { get; init; }

    /// <summary>Bring the link up after creating it (a TUN that is down refuses writes with EIO).</summary>
    public bool BringUp { get; init; } = true;

    /// <summary>Set this MTU after creating the device; null keeps the kernel's default (1500).</summary>
    public int? Mtu { get; init; }
}
