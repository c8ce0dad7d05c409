namespace Longhaul.Config.Import;

/// <summary>
/// The importers' common result before it becomes YAML: services in the order the source defined them, reals in
/// their order within each. Mutable while an importer builds it; the YAML writer only reads it.
/// </summary>
internal sealed class ImportedDefinition
{
    public List<ImportedService> Services { get; } = [];

    /// <summary>ipvsadm <c>--set tcp tcpfin udp</c> in seconds; 0 = leave the default.</summary>
    public (int Tcp, int TcpFin, int Udp)? Timeouts { get; set; }
}
