using System.Net.Sockets;
using System.Text.Json;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Director.Control;

/// <summary>The ctl side of the admin protocol over the Unix socket: send one request, read one response.</summary>
public static class AdminClient
{
    public const string DefaultSocket = "/run/longhaul/director.sock";

    /// <exception cref="AdminUnreachableException">Nothing answers on <paramref name="socketPath"/>.</exception>
    public static async Task<AdminResponse> SendAsync(string socketPath, AdminRequest request, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentNullException.ThrowIfNull(request);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellation).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            string why = e.SocketErrorCode switch
            {
                SocketError.AccessDenied => "permission denied (the socket is root-only: use sudo)",
                SocketError.AddressNotAvailable or SocketError.ConnectionRefused => "nothing is listening",
                _ => e.Message,
            };
            if (!File.Exists(socketPath))
            {
                why = "no such socket";
            }

            throw new AdminUnreachableException(
                $"cannot reach the director at {socketPath}: {why}. Is `longhaul director run` running (and is this its admin-socket)?", e);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(request, AdminJsonContext.Default.AdminRequest);
        await stream.WriteAsync(json, cancellation).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellation).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream);
        string? line = await reader.ReadLineAsync(cancellation).ConfigureAwait(false);
        if (string.IsNullOrEmpty(line))
        {
            throw new AdminUnreachableException($"the director at {socketPath} closed the connection without an answer");
        }

        return JsonSerializer.Deserialize(line, AdminJsonContext.Default.AdminResponse)
            ?? throw new AdminUnreachableException($"the director at {socketPath} sent an empty answer");
    }
}
