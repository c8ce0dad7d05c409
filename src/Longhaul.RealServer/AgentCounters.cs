namespace Longhaul.RealServer;

/// <summary>
/// One receive thread's counters. Only that thread writes them (plain increments, no interlocked traffic on the
/// packet path); the stats writer reads them with <see cref="Volatile"/> reads, and 64-bit loads do not tear on
/// the 64-bit platforms .NET 10 runs Longhaul on.
/// </summary>
public sealed class AgentCounters
{
    private readonly long[] _drops = new long[DropReasons.Count];

    internal long ReceivedCount;
    internal long DecapsulatedCount;
    internal long ByteCount;
    internal long ReceiveErrorCount;

    public long Received => Volatile.Read(ref ReceivedCount);

    /// <summary>Inner packets written to the TUN device.</summary>
    public long Decapsulated => Volatile.Read(ref DecapsulatedCount);

    /// <summary>Bytes of the inner packets written to the TUN device.</summary>
    public long Bytes => Volatile.Read(ref ByteCount);

    /// <summary>Receive calls that failed with something other than the idle timeout.</summary>
    public long ReceiveErrors => Volatile.Read(ref ReceiveErrorCount);

    public long Dropped(DropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    internal void CountDrop(DropReason reason) => _drops[(int)reason]++;
}
