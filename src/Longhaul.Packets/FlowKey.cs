using System.Runtime.InteropServices;

namespace Longhaul.Packets;

/// <summary>
/// The 5-tuple that identifies a flow, as seen on the client's side (source = client, destination = VIP).
/// A plain 40-byte value type so a flow table can store it inline and hash its bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct FlowKey(
    NetAddress Source,
    NetAddress Destination,
    ushort SourcePort,
    ushort DestinationPort,
    IpProtocol Protocol)
{
    /// <summary>The same flow with ports zeroed: what non-first fragments and persistence templates key on.</summary>
    public FlowKey WithoutPorts() => this with { SourcePort = 0, DestinationPort = 0 };

    public override string ToString() =>
        $"{Protocol} {Source}:{SourcePort} -> {Destination}:{DestinationPort}";
}
