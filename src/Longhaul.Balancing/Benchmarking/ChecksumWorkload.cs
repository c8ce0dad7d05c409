using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// Internet checksum over one buffer per "packet", vectorised (<see cref="InternetChecksum.Compute(ReadOnlySpan{byte})"/>)
/// or the RFC 1071 scalar reference kept beside it. A packet counts when the sum matches the reference value,
/// which also keeps the result live.
/// </summary>
public sealed class ChecksumWorkload : PacketWorkload
{
    private readonly byte[] _data;
    private readonly bool _vectorised;
    private readonly ushort _expected;

    public ChecksumWorkload(int length, bool vectorised)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _data = new byte[length];
        for (int i = 0; i < _data.Length; i++)
        {
            // Any fixed pattern will do: the cost does not depend on the values.
            _data[i] = (byte)((i * 131) + 7);
        }

        _vectorised = vectorised;
        _expected = InternetChecksum.ComputeScalar(_data);
    }

    public override int BytesPerPacket => _data.Length;

    public override int Run(int packets)
    {
        int matched = 0;
        ReadOnlySpan<byte> data = _data;
        if (_vectorised)
        {
            for (int i = 0; i < packets; i++)
            {
                matched += InternetChecksum.Compute(data) == _expected ? 1 : 0;
            }
        }
        else
        {
            for (int i = 0; i < packets; i++)
            {
                matched += InternetChecksum.ComputeScalar(data) == _expected ? 1 : 0;
            }
        }

        return matched;
    }
}
