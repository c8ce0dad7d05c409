using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Health;

/// <summary>One (service, real) to check, with the check that applies to it.</summary>
/// <param name="RealPort">The real's configured port (informational in LVS-Tun; used when the service is every-port).</param>
/// <param name="ProbeSource">Tunnel checks: the director address the probe leaves from (of the VIP's family); else none.</param>
/// <param name="ProbeSourcePort">Tunnel checks: the source port the data path steers to this real; else 0.</param>
public sealed record HealthTarget(
    ServiceKey Service,
    NetAddress Real,
    ushort RealPort,
    HealthCheckSettings Check,
    NetAddress ProbeSource = default,
    ushort ProbeSourcePort = 0)
{
    /// <summary>The port probed: the check's, else the service's, else (every-port service) the real's.</summary>
    public ushort Port => Check.Port ?? (Service.Port != 0 ? Service.Port : RealPort);

    public bool IsTunnel => Check.Kind == HealthCheckKind.Tunnel;

    public override string ToString() => $"{Service} real {Real} ({Check.Kind.ToString().ToUpperInvariant()} check)";
}
