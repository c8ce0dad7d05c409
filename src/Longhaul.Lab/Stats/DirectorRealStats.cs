namespace Longhaul.Lab.Stats;

/// <summary>One real in the director's stats: what the director sent it.</summary>
public sealed record DirectorRealStats(string Address, string DataCenter, long Packets, long Bytes, long Connections);
