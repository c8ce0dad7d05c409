namespace Longhaul.Director.Metrics;

/// <summary>Every metric the director exposes; docs/metrics.md lists the same set (a test keeps them equal).</summary>
public static class DirectorMetrics
{
    public static readonly MetricDescriptor Info = new("longhaul.director.info", MetricKind.Gauge, "", "Always 1; labels name the director.");
    public static readonly MetricDescriptor ConfigVersion = new("longhaul.director.config.version", MetricKind.Gauge, "", "Version of the forwarding snapshot in use: 1 at start, +1 per reload or runtime change.");
    public static readonly MetricDescriptor Packets = new("longhaul.director.packets", MetricKind.Counter, "packets", "Client packets received by the workers.");
    public static readonly MetricDescriptor Bytes = new("longhaul.director.received", MetricKind.Counter, "bytes", "Bytes of client packets received by the workers.");
    public static readonly MetricDescriptor Forwarded = new("longhaul.director.forwarded", MetricKind.Counter, "packets", "Packets encapsulated toward a real server.");
    public static readonly MetricDescriptor Drops = new("longhaul.director.drops", MetricKind.Counter, "packets", "Packets dropped, by reason.");
    public static readonly MetricDescriptor FlowHits = new("longhaul.director.flow.hits", MetricKind.Counter, "packets", "Packets that found their flow in the flow table.");
    public static readonly MetricDescriptor FlowMisses = new("longhaul.director.flow.misses", MetricKind.Counter, "packets", "Packets whose flow was not in the flow table.");
    public static readonly MetricDescriptor FlowInserts = new("longhaul.director.flow.inserts", MetricKind.Counter, "flows", "New flows inserted into the flow table.");
    public static readonly MetricDescriptor FlowEvictions = new("longhaul.director.flow.evictions", MetricKind.Counter, "flows", "Live flows evicted because their bucket was full.");
    public static readonly MetricDescriptor FlowExpirations = new("longhaul.director.flow.expirations", MetricKind.Counter, "flows", "Flows removed after their idle timeout.");
    public static readonly MetricDescriptor Flows = new("longhaul.director.flow.entries", MetricKind.Gauge, "flows", "Flows in each worker's table now.");
    public static readonly MetricDescriptor FlowCapacity = new("longhaul.director.flow.capacity", MetricKind.Gauge, "flows", "Flow-table slots of each worker.");
    public static readonly MetricDescriptor Stateless = new("longhaul.director.flow.stateless", MetricKind.Counter, "packets", "New flows forwarded without a table entry (above new-flows-per-second).");
    public static readonly MetricDescriptor Rescheduled = new("longhaul.director.flow.rescheduled", MetricKind.Counter, "flows", "Flows moved to another real because theirs was removed or went down.");
    public static readonly MetricDescriptor PersistenceHits = new("longhaul.director.persistence.hits", MetricKind.Counter, "flows", "New flows placed by a persistence template.");
    public static readonly MetricDescriptor IcmpTooBig = new("longhaul.director.icmp.too_big", MetricKind.Counter, "packets", "ICMP frag-needed / packet-too-big sent to clients.");
    public static readonly MetricDescriptor IcmpSteered = new("longhaul.director.icmp.steered", MetricKind.Counter, "packets", "ICMP errors from clients steered to the real serving the flow.");
    public static readonly MetricDescriptor IoSent = new("longhaul.director.io.sent", MetricKind.Counter, "packets", "Encapsulated packets the kernel accepted.");
    public static readonly MetricDescriptor IoSendErrors = new("longhaul.director.io.send_errors", MetricKind.Counter, "packets", "Encapsulated packets the kernel refused.");
    public static readonly MetricDescriptor IoReceiveErrors = new("longhaul.director.io.receive_errors", MetricKind.Counter, "errors", "Failed reads from the TUN queues.");
    public static readonly MetricDescriptor ServicePackets = new("longhaul.director.service.packets", MetricKind.Counter, "packets", "Packets forwarded for each service (ipvsadm InPkts).");
    public static readonly MetricDescriptor ServiceBytes = new("longhaul.director.service", MetricKind.Counter, "bytes", "Bytes forwarded for each service (ipvsadm InBytes).");
    public static readonly MetricDescriptor ServiceConnections = new("longhaul.director.service.connections", MetricKind.Counter, "flows", "New flows of each service (ipvsadm Conns).");
    public static readonly MetricDescriptor RealPackets = new("longhaul.director.real.packets", MetricKind.Counter, "packets", "Packets sent to each real.");
    public static readonly MetricDescriptor RealBytes = new("longhaul.director.real", MetricKind.Counter, "bytes", "Bytes (inner packets) sent to each real.");
    public static readonly MetricDescriptor RealConnections = new("longhaul.director.real.connections", MetricKind.Counter, "flows", "New flows sent to each real.");
    public static readonly MetricDescriptor RealActive = new("longhaul.director.real.active_connections", MetricKind.Gauge, "flows", "Established flows of each real (ipvsadm ActiveConn).");
    public static readonly MetricDescriptor RealInactive = new("longhaul.director.real.inactive_connections", MetricKind.Gauge, "flows", "Other flows of each real (ipvsadm InActConn).");
    public static readonly MetricDescriptor RealWeight = new("longhaul.director.real.weight", MetricKind.Gauge, "", "Configured weight of each real.");
    public static readonly MetricDescriptor RealDraining = new("longhaul.director.real.draining", MetricKind.Gauge, "", "1 when the real is drained (no new flows), else 0.");
    public static readonly MetricDescriptor RealHealth = new("longhaul.director.real.health", MetricKind.Gauge, "", "1 when the real is healthy, 0 when down (its health check's verdict; unchecked reals: 0 only when administratively down).");

    // Not under longhaul.director: they describe what the routers are told, named as issue 8 asked for dashboards.
    public static readonly MetricDescriptor VipAnnounced = new("longhaul.vip.announced", MetricKind.Gauge, "", "1 while this director announces the VIP (its route is in the announce table), else 0; only with an announce: section.");
    public static readonly MetricDescriptor AnnounceChanges = new("longhaul.announce.changes", MetricKind.Counter, "changes", "VIP announcements plus withdrawals since start (re-assertions not counted).");

    public static IReadOnlyList<MetricDescriptor> All { get; } =
    [
        Info, ConfigVersion, Packets, Bytes, Forwarded, Drops, FlowHits, FlowMisses, FlowInserts, FlowEvictions, FlowExpirations,
        Flows, FlowCapacity, Stateless, Rescheduled, PersistenceHits, IcmpTooBig, IcmpSteered, IoSent, IoSendErrors, IoReceiveErrors,
        ServicePackets, ServiceBytes, ServiceConnections, RealPackets, RealBytes, RealConnections, RealActive, RealInactive,
        RealWeight, RealDraining, RealHealth, VipAnnounced, AnnounceChanges,
    ];
}
