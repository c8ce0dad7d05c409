using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>One virtual service as it will be written: YAML key names in the comments of each property.</summary>
internal sealed class ImportedService(string file, int line, IpProtocol protocol, NetAddress vip, ushort port)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public IpProtocol Protocol { get; } = protocol;

    public NetAddress Vip { get; } = vip;

    public ushort Port { get; } = port;

    /// <summary><c>scheduler</c>: the ipvsadm name, always written (Longhaul's default is mh, ipvsadm's wlc).</summary>
    public string Scheduler { get; set; } = "wlc";

    /// <summary>sh-port / mh-port (IP_VS_SVC_F_SCHED2).</summary>
    public bool HashSourcePort { get; set; }

    /// <summary>sh-fallback / mh-fallback (IP_VS_SVC_F_SCHED1).</summary>
    public bool Fallback { get; set; }

    /// <summary><c>persistence-timeout</c> in seconds; 0 = not persistent.</summary>
    public int PersistenceTimeout { get; set; }

    /// <summary><c>persistence-netmask</c> (IPv4, as a prefix length) or <c>persistence-prefix-v6</c>; null = host.</summary>
    public int? PersistencePrefix { get; set; }

    /// <summary><c>quorum</c>, when the source set one.</summary>
    public int? Quorum { get; set; }

    /// <summary><c>sorry-server</c>.</summary>
    public NetAddress? SorryServer { get; set; }

    /// <summary>Service-level <c>health-check</c>, used when every real has the same check.</summary>
    public ImportedHealthCheck? HealthCheck { get; set; }

    public List<ImportedReal> Reals { get; } = [];

    /// <summary>Written as <c># import: ...</c> lines above the service.</summary>
    public List<string> Comments { get; } = [];

    public bool IsIPv4 => Vip.IsIPv4;

    /// <summary>As ipvsadm writes it: <c>TCP 203.0.113.10:80</c>.</summary>
    public string Describe() => $"{(Protocol == IpProtocol.Udp ? "UDP" : "TCP")} {ImportFormat.AddressPort(Vip, Port)}";
}
