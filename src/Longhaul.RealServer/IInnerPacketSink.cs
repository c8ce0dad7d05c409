namespace Longhaul.RealServer;

/// <summary>Where decapsulated packets go: the TUN device in the agent, a recorder in tests.</summary>
public interface IInnerPacketSink
{
    /// <summary>Writes one IP packet; its length or -errno. Must not allocate or throw.</summary>
    int Write(ReadOnlySpan<byte> packet);
}
