namespace Longhaul.Config.Import;

/// <summary>
/// A service while the rules are applied. <see cref="Service"/> is null when it cannot be imported (fwmark, SCTP,
/// host names): its reals are still tracked so later -e/-d lines are checked as ipvsadm would.
/// </summary>
internal sealed class IpvsadmPendingService(string display, int line, ImportedService? service)
{
    public string Display { get; } = display;

    public int Line { get; } = line;

    public ImportedService? Service { get; } = service;

    /// <summary>Reals by address; the value is null for a real that was not imported.</summary>
    public Dictionary<string, (int Line, ImportedReal? Real)> Reals { get; } = new(StringComparer.Ordinal);
}
