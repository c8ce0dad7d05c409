using System.Globalization;
using System.Net;
using Longhaul.Config;
using Longhaul.Health.Probes;

namespace Longhaul.Health;

/// <summary>Builds the probe a target's check describes.</summary>
public static class ProbeFactory
{
    public static IHealthProbe Create(HealthTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        HealthCheckSettings check = target.Check;
        switch (check.Kind)
        {
            case HealthCheckKind.Tunnel:
            {
                // To VIP:port from the steered source: the data path sends it to this real, and the answer comes
                // back from the VIP across the real's ISP, exactly as a client's would.
                var vip = new IPEndPoint(target.Service.Vip.ToIPAddress(), target.Port);
                var local = new IPEndPoint(target.ProbeSource.ToIPAddress(), target.ProbeSourcePort);
                return WantsHttp(check)
                    ? new HttpProbe(vip, check.Path, check.Status, check.BodyContains, check.Host, https: false, local)
                    : new TcpProbe(vip, local);
            }

            case HealthCheckKind.Tcp:
                return new TcpProbe(RealEndpoint(target));
            case HealthCheckKind.Http:
            case HealthCheckKind.Https:
                return new HttpProbe(
                    RealEndpoint(target), check.Path, check.Status, check.BodyContains, check.Host, check.Kind == HealthCheckKind.Https);
            case HealthCheckKind.Exec:
                return new ExecProbe(check.Command ?? "false", Environment(target));
            default:
                throw new ArgumentOutOfRangeException(nameof(target), check.Kind, "unknown health-check kind");
        }
    }

    /// <summary>
    /// A tunnel check is a TCP connect unless the operator asked for something only HTTP can check (a path other
    /// than "/", a status other than 200, a Host header or a body substring).
    /// </summary>
    public static bool WantsHttp(HealthCheckSettings check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Path != "/" || check.Status != 200 || check.Host is not null || check.BodyContains is not null;
    }

    internal static Dictionary<string, string> Environment(HealthTarget target) => new()
    {
        ["LONGHAUL_REAL"] = target.Real.ToString(),
        ["LONGHAUL_VIP"] = target.Service.Vip.ToString(),
        ["LONGHAUL_PORT"] = target.Port.ToString(CultureInfo.InvariantCulture),
    };

    private static IPEndPoint RealEndpoint(HealthTarget target) => new(target.Real.ToIPAddress(), target.Port);
}
