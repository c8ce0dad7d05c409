using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>A real as quorum sees it.</summary>
/// <param name="InService">Configured active with a weight above 0: counts toward quorum while healthy.</param>
public sealed record PlannedReal(NetAddress Address, bool InService);
