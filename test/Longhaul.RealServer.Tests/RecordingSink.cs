namespace Longhaul.RealServer.Tests;

/// <summary>A sink that keeps the last packet (copied into a fixed buffer, so it does not allocate) or fails on demand.</summary>
internal sealed class RecordingSink : IInnerPacketSink
{
    private readonly byte[] _last = new byte[65536];
    private int _lastLength;

    public int Result { get; set; }

    public int Writes { get; private set; }

    public byte[] Last => _last[.._lastLength];

    public int Write(ReadOnlySpan<byte> packet)
    {
        Writes++;
        if (Result < 0)
        {
            return Result;
        }

        packet.CopyTo(_last);
        _lastLength = packet.Length;
        return packet.Length;
    }
}
