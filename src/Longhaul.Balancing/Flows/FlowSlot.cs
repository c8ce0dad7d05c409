using System.Runtime.InteropServices;
using Longhaul.Packets;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// One way of a flow-table bucket, as stored: the flow's key, state and real. Its expiry and hash tag live in
/// the bucket's first cache line (see <see cref="FlowTable"/>), so a lookup that misses, an insert's choice of
/// victim and a sweep never read an entry at all. 56 bytes: a bucket is one 64-byte line of tags and expiries
/// plus eight of these, 512 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 56)]
public struct FlowSlot
{
    public FlowKey Key;

    /// <summary>Placed right after the 37-byte key.</summary>
    public FlowState State;

    /// <summary>Stable real-server id (see <c>ForwardingSnapshot</c>), or -1 in an empty slot.</summary>
    public int RealId;
}
