using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;
using Longhaul.Lab;
using Longhaul.Linux;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// 3 DCs x 2 reals, one director, IPv4 only, with a tunnel health check on the service (interval 1 s, timeout
/// 1 s, rise 2, fall 2, no jitter). Built once for the health tests; always removed on Dispose, which then fails
/// loudly if any lh-* namespace or started process is left.
/// </summary>
public sealed class HealthFixture : IDisposable
{
    public static readonly LabHealthCheck Check = new("tunnel", IntervalSeconds: 1, TimeoutSeconds: 1, Rise: 2, Fall: 2);

    private readonly LonghaulLab? _lab;

    public HealthFixture()
    {
        if (!Privileges.IsRoot)
        {
            return;
        }

        _lab = TestLab.Up(Options);
    }

    public static LabOptions Options { get; } = LabOptions.Uniform(3, 2) with { Ipv6 = false, HealthCheck = Check };

    public LonghaulLab Lab => _lab ?? throw new InvalidOperationException(LabFixture.NotRootReason);

    private string Socket => $"/run/longhaul/{Lab.Topology.Directors[0].Name}.sock";

    /// <summary>`ctl list` through the director's admin socket: each real's address and health (up, down, -, sorry).</summary>
    public Dictionary<string, string> Health()
    {
        AdminResponse response = Send(new AdminRequest { Op = "list" });
        return response.List!.Services.SelectMany(s => s.Reals).ToDictionary(r => r.Address, r => r.Health, StringComparer.Ordinal);
    }

    /// <summary>Rewrites the director's YAML with <paramref name="edit"/> and reloads it (`ctl reload`).</summary>
    public void Reload(Func<string, string> edit)
    {
        string file = Lab.Topology.Directors[0].ConfigFile(Lab.Paths);
        File.WriteAllText(file, edit(File.ReadAllText(file)));
        Send(new AdminRequest { Op = "reload" });
    }

    public void Dispose()
    {
        if (_lab is null)
        {
            return;
        }

        TestLab.Down(_lab, "health lab");
    }

    private AdminResponse Send(AdminRequest request)
    {
        AdminResponse response = AdminClient.SendAsync(Socket, request).GetAwaiter().GetResult();
        return response.Ok ? response : throw new InvalidOperationException($"ctl {request.Op}: {response.Error}");
    }
}
