using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Longhaul.Config;
using Longhaul.Director.Control.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longhaul.Director.Control;

/// <summary>
/// The admin endpoint: one JSON request per connection, one JSON response, each on one line. Always on a Unix
/// socket with mode 0600 (root only: the file mode is the access control); on TCP only when admin-listen is
/// configured, and then every request must carry the admin-token.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    /// <summary>A request is a few hundred bytes; anything near this is not ctl talking.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    private static readonly TimeSpan s_requestReadTimeout = TimeSpan.FromSeconds(10);

    private readonly AdminHandler _handler;
    private readonly ILogger _logger;
    private readonly List<(Socket Listener, string? Token)> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private string? _socketPath;

    public AdminServer(AdminHandler handler, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The TCP endpoint actually bound (port 0 in the config picks one), or null.</summary>
    public IPEndPoint? TcpEndpoint { get; private set; }

    /// <summary>Binds the Unix socket (and the TCP endpoint when configured) and starts accepting.</summary>
    public void Start(DirectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StartUnix(settings.AdminSocket);
        if (settings.AdminListen is { } listen)
        {
            // The reader refuses admin-listen without a token; checked again because this opens the network.
            string token = settings.AdminToken ?? throw new InvalidOperationException("admin-listen needs admin-token");
            if (!Endpoint.TryParse(listen, out Endpoint endpoint))
            {
                throw new InvalidOperationException($"admin-listen '{listen}' is not ADDRESS:PORT");
            }

            var socket = new Socket(endpoint.Address.IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(endpoint.Address.ToIPAddress(), endpoint.Port));
            socket.Listen(16);
            IPEndPoint bound = (IPEndPoint)socket.LocalEndPoint!;
            TcpEndpoint = bound;
            Listen(socket, token);
            string shown = bound.ToString();
            DirectorHostLog.AdminListening(_logger, shown, "tcp (token required)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach ((Socket listener, _) in _listeners)
        {
            listener.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        if (_socketPath is not null)
        {
            File.Delete(_socketPath);
        }

        _stop.Dispose();
    }

    private void StartUnix(string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            if (IsAnswering(path))
            {
                throw new InvalidOperationException($"another director is already answering on {path}");
            }

            File.Delete(path);
        }

        // Bound under a temporary name, made 0600, then renamed into place: the socket is never reachable with
        // the process umask's wider mode.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}");
        File.Delete(temporary);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(temporary));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
            socket.Listen(16);
        }
        catch
        {
            socket.Dispose();
            File.Delete(temporary);
            throw;
        }

        _socketPath = path;
        Listen(socket, token: null);
        DirectorHostLog.AdminListening(_logger, path, "unix socket, mode 0600");
    }

    private static bool IsAnswering(string path)
    {
        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Listen(Socket listener, string? token)
    {
        _listeners.Add((listener, token));
        _loops.Add(Task.Run(() => AcceptLoopAsync(listener, token)));
    }

    private async Task AcceptLoopAsync(Socket listener, string? token)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // One task per connection: a long remove-real --drain must not hold up a list.
            _ = Task.Run(() => ServeAsync(connection, token));
        }
    }

    private async Task ServeAsync(Socket connection, string? token)
    {
        using (connection)
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            AdminResponse response;
            try
            {
                byte[]? line = await ReadLineAsync(stream).ConfigureAwait(false);
                AdminRequest? request = line is null ? null : JsonSerializer.Deserialize(line, AdminJsonContext.Default.AdminRequest);
                response = request is null
                    ? AdminResponse.Failure("expected one JSON request on one line")
                    : await _handler.HandleAsync(request, token, _stop.Token).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                response = AdminResponse.Failure($"malformed request: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                response = AdminResponse.Failure("the director is stopping");
            }
#pragma warning disable CA1031 // Whatever went wrong is the caller's answer; the server keeps serving.
            catch (Exception e)
#pragma warning restore CA1031
            {
                DirectorHostLog.AdminRequestFailed(_logger, e);
                response = AdminResponse.Failure($"internal error: {e.Message}");
            }

            try
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(response, AdminJsonContext.Default.AdminResponse);
                await stream.WriteAsync(json).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }

    private static async Task<byte[]?> ReadLineAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(s_requestReadTimeout);
        var buffer = new MemoryStream();
        byte[] chunk = new byte[4096];
        while (buffer.Length < MaxRequestBytes)
        {
            int n = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            int newline = Array.IndexOf(chunk, (byte)'\n', 0, n);
            buffer.Write(chunk, 0, newline >= 0 ? newline : n);
            if (newline >= 0)
            {
                break;
            }
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }
}
