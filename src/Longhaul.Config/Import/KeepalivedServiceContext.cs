using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>The settings of one virtual_server block, collected before its reals are read.</summary>
internal sealed class KeepalivedServiceContext
{
    public (string Value, int Line)? Scheduler { get; set; }

    /// <summary>The service's lvs_method; null when not given (keepalived then uses NAT).</summary>
    public KeepalivedForwarding? Forwarding { get; set; }

    public string Protocol { get; set; } = "TCP";

    public int PersistenceTimeout { get; set; }

    public (string Value, int Line)? Granularity { get; set; }

    public bool Fallback { get; set; }

    public bool HashPort { get; set; }

    /// <summary>Line of the last scheduler flag, 0 when none was given.</summary>
    public int FlagsLine { get; set; }

    public int? Quorum { get; set; }

    public int QuorumLine { get; set; }

    public (NetAddress Address, int? Port, int Line)? Sorry { get; set; }

    public KeepalivedCheckDefaults Defaults { get; set; } = new();
}
