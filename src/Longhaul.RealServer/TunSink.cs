using Longhaul.Linux;

namespace Longhaul.RealServer;

/// <summary>
/// Writes inner packets into the TUN device, where the kernel takes them as if they arrived on that interface
/// and delivers them to the VIP on lo. One write per packet: TUN has no batched write, and concurrent writes
/// from several receive threads to one queue are safe (each write is one whole packet).
/// </summary>
internal sealed class TunSink : IInnerPacketSink
{
    private readonly TunDevice _tun;

    public TunSink(TunDevice tun) => _tun = tun;

    public int Write(ReadOnlySpan<byte> packet) => _tun.Write(packet);
}
