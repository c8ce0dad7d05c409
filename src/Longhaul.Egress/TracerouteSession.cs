using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>The ICMP errors the listener matched to one traceroute run (VIP, target, session port).</summary>
public sealed class TracerouteSession
{
    private readonly SortedDictionary<int, NetAddress> _hops = [];

    public TracerouteSession(NetAddress vip, NetAddress target, ushort sessionPort)
    {
        Vip = vip;
        Target = target;
        SessionPort = sessionPort;
    }

    public NetAddress Vip { get; }

    public NetAddress Target { get; }

    public ushort SessionPort { get; }

    /// <summary>
    /// Hop number → the router (or target) that answered for it, up to the target: probes sent with a larger TTL
    /// than the path is long also reach the target, and are not extra hops.
    /// </summary>
    public IReadOnlyDictionary<int, NetAddress> Hops => _hops.Where(h => h.Key <= FarthestHop).ToDictionary(h => h.Key, h => h.Value);

    /// <summary>The target itself answered "port unreachable".</summary>
    public bool Reached => ReachedAtHop > 0;

    /// <summary>The smallest TTL with which a probe reached the target (0: none did): the path's length.</summary>
    public int ReachedAtHop { get; private set; }

    public int FarthestHop => Reached ? ReachedAtHop : _hops.Count == 0 ? 0 : _hops.Keys.Max();

    /// <summary>Records an echo; true when it told us something new (a new hop, or the target).</summary>
    public bool Add(in TracerouteEcho echo)
    {
        if (echo.Kind == IcmpEchoKind.PortUnreachable && echo.Responder == Target)
        {
            _hops.TryAdd(echo.Hop, echo.Responder);
            bool shorter = ReachedAtHop == 0 || echo.Hop < ReachedAtHop;
            if (shorter)
            {
                ReachedAtHop = echo.Hop;
            }

            return shorter;
        }

        return _hops.TryAdd(echo.Hop, echo.Responder);
    }

    public string Describe() => Reached
        ? $"traceroute from VIP {Vip} to {Target}: the target answered (hop {FarthestHop}) -> packets from the VIP cross the real's provider (allowed)"
        : $"traceroute from VIP {Vip} to {Target}: answers up to hop {FarthestHop} -> packets from the VIP pass at least {FarthestHop} hop(s) beyond the real (allowed that far)";
}
