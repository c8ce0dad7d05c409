namespace Longhaul.Director.Control.Protocol;

/// <summary>One virtual service in <see cref="ListResult"/>. Counters are since start or the last ctl zero.</summary>
public sealed record ServiceEntry
{
    public required string Protocol { get; init; }

    public required string Vip { get; init; }

    public int Port { get; init; }

    public required string Scheduler { get; init; }

    public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>Persistence timeout in seconds; 0 when off.</summary>
    public long Persistence { get; init; }

    /// <summary>Persistence netmask as ipvsadm prints it (dotted for IPv4, prefix length for IPv6); null when /32 or /128.</summary>
    public string? Netmask { get; init; }

    /// <summary>The Maglev table's fingerprint (16 hex digits): equal on every director that would pick the same reals.</summary>
    public required string MaglevFingerprint { get; init; }

    public long Conns { get; init; }

    public long InPkts { get; init; }

    public long InBytes { get; init; }

    public double Cps { get; init; }

    public double InPps { get; init; }

    public double InBps { get; init; }

    public required IReadOnlyList<RealEntry> Reals { get; init; }
}
