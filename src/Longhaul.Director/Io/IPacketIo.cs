using Longhaul.Packets;

namespace Longhaul.Director.Io;

/// <summary>
/// One worker's packet I/O: where client packets come from and where the pipeline's answers go. The worker
/// loop is generic over it, so a struct backend (<see cref="TunRawPacketIo"/>) gets code specialised and
/// inlined by the JIT, while tests plug in an in-memory one. An AF_PACKET or AF_XDP backend implements the
/// same five calls over its rings.
/// </summary>
/// <remarks>
/// Every method is on the per-packet path: no allocation, no exceptions, errors as return values. All calls
/// for one instance come from its worker's thread.
/// </remarks>
public interface IPacketIo
{
    /// <summary>
    /// Reads one client IP packet into <paramref name="buffer"/>: its length, 0 when nothing is queued right
    /// now, or -errno.
    /// </summary>
    int Receive(Span<byte> buffer);

    /// <summary>Waits until <see cref="Receive"/> has something: 1, 0 after the timeout, or -errno.</summary>
    int WaitReadable(int timeoutMilliseconds);

    /// <summary>
    /// Sends (or queues until <see cref="Flush"/>) an encapsulated packet to the real server
    /// <paramref name="nextHop"/>. False when it was refused at once (no sender for that address family).
    /// </summary>
    bool Forward(ReadOnlySpan<byte> packet, NetAddress nextHop);

    /// <summary>
    /// Sends whatever <see cref="Forward"/> queued. Returns how many packets queued since the last flush the
    /// kernel refused (including those of flushes <see cref="Forward"/> did itself when its batch was full).
    /// </summary>
    int Flush();

    /// <summary>
    /// Hands an ICMP error for the client back to the kernel, which routes it to the client: bytes written or
    /// -errno.
    /// </summary>
    int Reply(ReadOnlySpan<byte> packet);
}
