using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>ctl flows filters: each one set must match (VIP with an optional port, real, client).</summary>
public sealed record FlowFilter(NetAddress? Vip = null, ushort VipPort = 0, NetAddress? Real = null, NetAddress? Client = null);
