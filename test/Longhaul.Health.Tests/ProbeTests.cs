using System.Net;
using System.Net.Sockets;
using System.Text;
using Longhaul.Config;
using Longhaul.Health.Probes;
using static Longhaul.Health.Tests.TestPlans;

namespace Longhaul.Health.Tests;

public sealed class ProbeTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static async Task ServeOnce(TcpListener listener, string response)
    {
        using TcpClient client = await listener.AcceptTcpClientAsync();
        NetworkStream stream = client.GetStream();
        byte[] buffer = new byte[4096];
        int read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            read += await stream.ReadAsync(buffer.AsMemory(read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }

    [Fact]
    public async Task Tcp_ListeningPort_Passes()
    {
        using TcpListener listener = Listen();
        var probe = new TcpProbe((IPEndPoint)listener.LocalEndpoint);

        ProbeResult result = await probe.ProbeAsync(CancellationToken.None).WaitAsync(s_wait);

        Assert.True(result.Success);
    }

    [Fact]
    public async Task Tcp_ClosedPort_FailsWithRefused()
    {
        int port;
        using (TcpListener listener = Listen())
        {
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        ProbeResult result = await new TcpProbe(new IPEndPoint(IPAddress.Loopback, port)).ProbeAsync(CancellationToken.None).WaitAsync(s_wait);

        Assert.False(result.Success);
        Assert.Contains("ConnectionRefused", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_BoundSourcePort_ConnectsFromItAgainAndAgain()
    {
        using TcpListener listener = Listen();
        var local = new IPEndPoint(IPAddress.Loopback, 0);
        using (var probeSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probeSocket.Bind(local);
            local = (IPEndPoint)probeSocket.LocalEndPoint!;
        }

        var probe = new TcpProbe((IPEndPoint)listener.LocalEndpoint, local);
        for (int i = 0; i < 3; i++)
        {
            Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
            Assert.True((await probe.ProbeAsync(CancellationToken.None).WaitAsync(s_wait)).Success);
            using TcpClient peer = await accepted.WaitAsync(s_wait);
            Assert.Equal(local.Port, ((IPEndPoint)peer.Client.RemoteEndPoint!).Port);
        }
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nall ok\n", 200, null, true)]
    [InlineData("HTTP/1.1 200 OK\r\n\r\nall ok\n", 200, "ok", true)]
    [InlineData("HTTP/1.1 200 OK\r\n\r\nfailure\n", 200, "ok", false)]
    [InlineData("HTTP/1.0 503 Service Unavailable\r\n\r\n", 200, null, false)]
    [InlineData("HTTP/1.0 204 No Content\r\n\r\n", 204, null, true)]
    [InlineData("SSH-2.0-OpenSSH\r\n", 200, null, false)]
    public async Task Http_Response_JudgedOnStatusAndBody(string response, int status, string? body, bool expected)
    {
        using TcpListener listener = Listen();
        Task serve = ServeOnce(listener, response);
        var probe = new HttpProbe((IPEndPoint)listener.LocalEndpoint, "/health", status, body, "example.com", https: false);

        ProbeResult result = await probe.ProbeAsync(CancellationToken.None).WaitAsync(s_wait);
        await serve.WaitAsync(s_wait);

        Assert.Equal(expected, result.Success);
    }

    [Fact]
    public void Judge_HostAndPathInRequest_NotTheProbesConcern()
    {
        Assert.True(HttpProbe.Judge("HTTP/1.1 200 OK\r\n\r\n"u8, 200, null).Success);
        Assert.False(HttpProbe.Judge("HTTP/1.1 2x0 OK\r\n\r\n"u8, 200, null).Success);
        Assert.False(HttpProbe.Judge("HTTP/1.1 200 OK\r\n"u8, 200, "ok").Success);
    }

    [Fact]
    public async Task Exec_ExitStatusAndEnvironment_DecideTheResult()
    {
        var target = new HealthTarget(Service, RealAddress(7), 80, Check(HealthCheckKind.Exec));
        var env = ProbeFactory.Environment(target);

        var pass = new ExecProbe("test \"$LONGHAUL_REAL\" = 100.64.0.7 && test \"$LONGHAUL_VIP\" = 203.0.113.10 && test \"$LONGHAUL_PORT\" = 80", env);
        var fail = new ExecProbe("exit 3", env);

        Assert.True((await pass.ProbeAsync(CancellationToken.None).WaitAsync(s_wait)).Success);
        ProbeResult failed = await fail.ProbeAsync(CancellationToken.None).WaitAsync(s_wait);
        Assert.False(failed.Success);
        Assert.Contains("exited with 3", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_CommandPastTimeout_KilledAndCancelled()
    {
        var probe = new ExecProbe("sleep 30", new Dictionary<string, string>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.ProbeAsync(timeout.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }
}
