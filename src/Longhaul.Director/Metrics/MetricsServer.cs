using System.Net;
using System.Net.Sockets;
using System.Text;
using Longhaul.Director.Control;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longhaul.Director.Metrics;

/// <summary>
/// A minimal HTTP/1.1 endpoint for Prometheus: <c>GET /metrics</c> answers the text format, anything else 404
/// (or 405). One request per connection, no keep-alive: a scrape every few seconds needs nothing more, and it
/// keeps ASP.NET out of the director.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private const int MaxRequestHead = 8192;
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(5);

    private readonly PrometheusExporter _exporter;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _loop;

    public MetricsServer(PrometheusExporter exporter, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        _exporter = exporter;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The endpoint bound (port 0 in the config picks a free one).</summary>
    public IPEndPoint? Endpoint { get; private set; }

    public void Start(string listen)
    {
        if (!Config.Endpoint.TryParse(listen, out Config.Endpoint endpoint))
        {
            throw new ArgumentException($"metrics-listen '{listen}' is not ADDRESS:PORT", nameof(listen));
        }

        var socket = new Socket(endpoint.Address.IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(endpoint.Address.ToIPAddress(), endpoint.Port));
            socket.Listen(32);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listener = socket;
        IPEndPoint bound = (IPEndPoint)socket.LocalEndPoint!;
        Endpoint = bound;
        _loop = Task.Run(AcceptLoopAsync);
        string shown = bound.ToString();
        DirectorHostLog.MetricsListening(_logger, shown);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                await using var stream = new NetworkStream(connection, ownsSocket: false);
                string? requestLine = await ReadRequestLineAsync(stream).ConfigureAwait(false);
                string[] parts = requestLine?.Split(' ') ?? [];
                (int status, string reason, string body) = parts.Length < 2
                    ? (400, "Bad Request", "bad request\n")
                    : parts[0] != "GET" && parts[0] != "HEAD"
                        ? (405, "Method Not Allowed", "only GET\n")
                        : parts[1] is "/metrics" or "/metrics/"
                            ? (200, "OK", _exporter.Export())
                            : (404, "Not Found", "metrics are at /metrics\n");
                byte[] content = Encoding.UTF8.GetBytes(body);
                string contentType = status == 200 ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8";
                string head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
                if (parts.Length < 1 || parts[0] != "HEAD")
                {
                    await stream.WriteAsync(content).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                DirectorHostLog.MetricsRequestFailed(_logger, e);
            }
        }
    }

    /// <summary>Reads the request head (up to the blank line) and returns its first line.</summary>
    private static async Task<string?> ReadRequestLineAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(s_readTimeout);
        byte[] buffer = new byte[MaxRequestHead];
        int length = 0;
        while (length < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0 || buffer.AsSpan(0, length).IndexOf("\n\n"u8) >= 0)
            {
                break;
            }
        }

        int end = buffer.AsSpan(0, length).IndexOf((byte)'\n');
        return end < 0 ? null : Encoding.ASCII.GetString(buffer, 0, end).TrimEnd('\r');
    }
}
