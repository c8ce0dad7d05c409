using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>One real server of an imported service.</summary>
internal sealed class ImportedReal(string file, int line, NetAddress address)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public NetAddress Address { get; } = address;

    public int Weight { get; set; } = 1;

    /// <summary>The encapsulation the source asked for; <see cref="ImportedTunnel.Unspecified"/> for DR.</summary>
    public ImportedTunnel Tunnel { get; set; } = ImportedTunnel.Unspecified;

    /// <summary>Per-real <c>encapsulation</c>, set by <see cref="TunnelResolver"/> when it differs from the director's.</summary>
    public string? EncapsulationOverride { get; set; }

    /// <summary>Per-real <c>health-check</c> (when the reals of a service do not all share one).</summary>
    public ImportedHealthCheck? HealthCheck { get; set; }

    public List<string> Comments { get; } = [];
}
