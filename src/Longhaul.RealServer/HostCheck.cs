namespace Longhaul.RealServer;

/// <summary>One line of `longhaul realserver check`: what was checked, what was found, and how to fix it.</summary>
public sealed record HostCheck(string Name, HostCheckStatus Status, string Detail, string? Fix = null);
