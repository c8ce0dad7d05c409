namespace Longhaul.Director.Stats;

/// <summary>The I/O layer's totals: what the kernel accepted and refused.</summary>
public sealed record IoStats
{
    public long Workers { get; init; }

    public long Batches { get; init; }

    public long Sent { get; init; }

    public long SendErrors { get; init; }

    public long ReceiveErrors { get; init; }

    public long ReplyErrors { get; init; }
}
