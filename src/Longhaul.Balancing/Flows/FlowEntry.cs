using Longhaul.Packets;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// A copy of a live flow for readers outside the worker (<c>ctl flows</c>, <c>ctl explain</c>):
/// <see cref="FlowTable.CopyLive"/> fills these from the table's slots and bucket expiries.
/// </summary>
/// <param name="ExpiresAt">Flow-table clock (ms) after which the flow counts as idle.</param>
public readonly record struct FlowEntry(FlowKey Key, FlowState State, int RealId, long ExpiresAt);
