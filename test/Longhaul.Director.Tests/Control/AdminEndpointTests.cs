using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;
using Longhaul.Director.Metrics;
using Longhaul.Packets;

namespace Longhaul.Director.Tests.Control;

/// <summary>The transports: the admin protocol over a real Unix socket, and /metrics over real HTTP.</summary>
public sealed class AdminEndpointTests
{
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.7");

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task UnixSocket_ListAndEdit_RoundTripAndTheSocketIsOwnerOnly()
    {
        using var f = new ControlFixture();
        string socket = Path.Combine(f.Directory, "admin.sock");
        await using var server = new AdminServer(f.Handler);
        server.Start(f.Config.Director with { AdminSocket = socket });

        AdminResponse list = await AdminClient.SendAsync(socket, new AdminRequest { Op = "list" });
        AdminResponse edit = await AdminClient.SendAsync(socket, new AdminRequest { Op = "edit-real", Protocol = "tcp", Service = "203.0.113.10:80", Real = "100.64.1.2", Weight = 3 });
        AdminResponse bad = await AdminClient.SendAsync(socket, new AdminRequest { Op = "frobnicate" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        Assert.True(list.Ok);
        Assert.Equal(2, list.List!.Services.Count);
        Assert.True(edit.Ok, edit.Error);
        Assert.Equal("edit real 100.64.1.2 of TCP 203.0.113.10:80 (weight 3): applied, config version 2", edit.Message);
        Assert.False(bad.Ok);
        Assert.StartsWith("unknown operation 'frobnicate'", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_NoDirector_SaysHowToFixIt()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"lhctl-none-{Guid.NewGuid():N}.sock");

        var e = await Assert.ThrowsAsync<AdminUnreachableException>(() => AdminClient.SendAsync(socket, new AdminRequest { Op = "list" }));

        Assert.Equal($"cannot reach the director at {socket}: no such socket. Is `longhaul director run` running (and is this its admin-socket)?", e.Message);
    }

    [Fact]
    public async Task UnixSocket_SecondServerOnTheSamePath_IsRefused()
    {
        using var f = new ControlFixture();
        string socket = Path.Combine(f.Directory, "admin.sock");
        await using var first = new AdminServer(f.Handler);
        first.Start(f.Config.Director with { AdminSocket = socket });
        await using var second = new AdminServer(f.Handler);

        var e = Assert.Throws<InvalidOperationException>(() => second.Start(f.Config.Director with { AdminSocket = socket }));

        Assert.Equal($"another director is already answering on {socket}", e.Message);
    }

    [Fact]
    public async Task Metrics_ScrapedOverHttp_MatchTheTrafficSent()
    {
        using var f = new ControlFixture();
        int toA = 0;
        for (ushort port = 40000; port < 40030; port++)
        {
            toA += f.Connect(port % 2, s_client, port) == ControlFixture.RealA ? 1 : 0;
        }

        await using var server = new MetricsServer(new PrometheusExporter(f.Plane));
        server.Start("127.0.0.1:0");
        using var http = new HttpClient();

        string text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Endpoint!.Port}/metrics"));
        using HttpResponseMessage missing = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Endpoint.Port}/"));

        Assert.Contains("# TYPE longhaul_director_packets_total counter\nlonghaul_director_packets_total 60\n", text, StringComparison.Ordinal);
        Assert.Contains("longhaul_director_service_packets_total{service=\"tcp/203.0.113.10:80\"} 60\n", text, StringComparison.Ordinal);
        Assert.Contains("longhaul_director_service_connections_total{service=\"tcp/203.0.113.10:80\"} 30\n", text, StringComparison.Ordinal);
        Assert.Contains($"longhaul_director_real_connections_total{{service=\"tcp/203.0.113.10:80\",real=\"100.64.1.2:80\",dc=\"us-east\"}} {toA}\n", text, StringComparison.Ordinal);
        Assert.Contains($"longhaul_director_real_active_connections{{service=\"tcp/203.0.113.10:80\",real=\"100.64.2.2:80\",dc=\"eu-west\"}} {30 - toA}\n", text, StringComparison.Ordinal);
        Assert.Contains("longhaul_director_drops_total{reason=\"not_a_vip\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("longhaul_director_config_version 1\n", text, StringComparison.Ordinal);
        Assert.Contains("longhaul_director_flow_entries{worker=\"1\"} 15\n", text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void MetricsDoc_ListsEveryMetric()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "metrics.md"));

        foreach (MetricDescriptor metric in DirectorMetrics.All)
        {
            Assert.Contains($"`{metric.PrometheusName}`", doc, StringComparison.Ordinal);
        }
    }

    /// <summary>From this source file's path: the tests may run from an artifacts folder outside the repository.</summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        string? directory = Path.GetDirectoryName(sourceFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Longhaul.slnx")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Longhaul.slnx not found above the test assembly");
    }
}
