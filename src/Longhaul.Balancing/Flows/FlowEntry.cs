using System.Runtime.InteropServices;
using Longhaul.Packets;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// One slot of the flow table, stored inline in a flat array. <see cref="ExpiresAt"/> is refreshed on every
/// packet, so "idle" is simply "expired": the clock the worker reads once per batch decides.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct FlowEntry
{
    public FlowKey Key;

    /// <summary>Placed right after the 37-byte key so the entry packs into 56 bytes.</summary>
    public FlowState State;

    /// <summary>Stable real-server id (see <c>ForwardingSnapshot</c>), or -1 in an empty slot.</summary>
    public int RealId;

    /// <summary>Flow-table clock (ms) after which the slot may be reused.</summary>
    public long ExpiresAt;
}
