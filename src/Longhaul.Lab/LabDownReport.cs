namespace Longhaul.Lab;

/// <summary>What `lab down` removed: processes stopped by SIGTERM, processes that needed SIGKILL, namespaces deleted.</summary>
public sealed record LabDownReport(int Stopped, int Killed, IReadOnlyList<string> Namespaces);
