using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// The data packets (ACK with payload) of <c>flows</c> established client flows, stored back to back so a
/// workload copies flow i's packet from offset i × <see cref="Length"/>, as a NIC ring hands packets over.
/// </summary>
public sealed class EstablishedPackets
{
    private readonly byte[] _bytes;

    public EstablishedPackets(int flows, int packetLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(flows, 1);
        int payload = Math.Max(0, packetLength - Ipv4Header.MinLength - TcpHeader.MinLength);
        Length = Ipv4Header.MinLength + TcpHeader.MinLength + payload;
        Flows = flows;
        _bytes = new byte[flows * Length];
        for (int i = 0; i < flows; i++)
        {
            (NetAddress client, ushort port) = BenchDeployment.Client(i);
            SyntheticPackets.WriteTcp(
                _bytes.AsSpan(i * Length, Length), client, BenchDeployment.Vip, port, BenchDeployment.ServicePort,
                SyntheticPackets.Ack | SyntheticPackets.Psh, payload);
        }
    }

    public int Flows { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Packet(int flow) => _bytes.AsSpan(flow * Length, Length);

    /// <summary>Writes the SYN that opens flow <paramref name="flow"/>; returns its length.</summary>
    public static int WriteSyn(Span<byte> destination, int flow)
    {
        (NetAddress client, ushort port) = BenchDeployment.Client(flow);
        return SyntheticPackets.WriteTcp(destination, client, BenchDeployment.Vip, port, BenchDeployment.ServicePort, SyntheticPackets.Syn);
    }
}
