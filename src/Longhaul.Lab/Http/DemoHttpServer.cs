using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Longhaul.Lab.Http;

/// <summary>
/// The demo service on every lab real (`longhaul lab serve`): HTTP/1.1 with keep-alive on a plain socket.
/// GET / answers "NAME DC\n" with X-Real and X-DC headers; GET /bytes/N answers N bytes; POST /upload reads
/// the body and answers "received N". Bound to the wildcard address, so it answers on the real's own
/// address and on the VIPs the agent puts on lo.
/// </summary>
public sealed class DemoHttpServer : IDisposable
{
    public const long MaxBytes = 1L << 34;
    private const int HeadLimit = 16 * 1024;

    private static readonly byte[] s_payload = CreatePayload();

    private readonly Socket _listener;
    private readonly string _name;
    private readonly string _dataCenter;
    private readonly byte[] _rootResponse;
    private readonly byte[] _rootResponseClose;

    public DemoHttpServer(string name, string dataCenter, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _name = name;
        _dataCenter = dataCenter;
        string rootBody = $"{name} {dataCenter}\n";
        _rootResponse = Encoding.ASCII.GetBytes(Head(200, rootBody.Length, close: false) + rootBody);
        _rootResponseClose = Encoding.ASCII.GetBytes(Head(200, rootBody.Length, close: true) + rootBody);
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            _listener.DualMode = true;
        }

        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(endpoint);
        _listener.Listen(1024);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration stop = cancellationToken.Register(_listener.Dispose);
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = ServeAsync(connection, cancellationToken);
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(Socket connection, CancellationToken cancellationToken)
    {
        connection.NoDelay = true;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HeadLimit);
        try
        {
            int filled = 0;
            while (true)
            {
                int headEnd;
                while ((headEnd = HttpHead.FindEnd(buffer.AsSpan(0, filled))) < 0)
                {
                    if (filled == HeadLimit)
                    {
                        await SendSimpleAsync(connection, 431, "head too large\n", close: true, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    int n = await connection.ReceiveAsync(buffer.AsMemory(filled, HeadLimit - filled), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                HttpHead head = HttpHead.Parse(buffer.AsSpan(0, headEnd - 4));
                string[] start = head.StartLine.Split(' ');
                bool close = start.Length < 3
                    || string.Equals(head.Header("connection"), "close", StringComparison.OrdinalIgnoreCase)
                    || (start[2] == "HTTP/1.0" && !string.Equals(head.Header("connection"), "keep-alive", StringComparison.OrdinalIgnoreCase));

                // Whatever followed the head (a body's start or a pipelined request) moves to the front.
                int leftover = filled - headEnd;
                Buffer.BlockCopy(buffer, headEnd, buffer, 0, leftover);
                filled = leftover;

                if (start.Length < 3)
                {
                    await SendSimpleAsync(connection, 400, "bad request\n", close: true, cancellationToken).ConfigureAwait(false);
                    return;
                }

                (bool ok, filled) = await RespondAsync(connection, start[0], start[1], head, close, buffer, filled, cancellationToken).ConfigureAwait(false);
                if (!ok || close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer went away or we are shutting down: nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            connection.Dispose();
        }
    }

    /// <returns>Whether the connection may continue, and how many unread bytes remain at the front of the buffer.</returns>
    private async Task<(bool Ok, int Filled)> RespondAsync(
        Socket connection, string method, string target, HttpHead head, bool close, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        if (method == "GET" && target == "/")
        {
            await connection.SendAsync(close ? _rootResponseClose : _rootResponse, cancellationToken).ConfigureAwait(false);
            return (true, filled);
        }

        if (method == "GET" && target.StartsWith("/bytes/", StringComparison.Ordinal)
            && long.TryParse(target.AsSpan("/bytes/".Length), NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            && count <= MaxBytes)
        {
            await connection.SendAsync(Encoding.ASCII.GetBytes(Head(200, count, close)), cancellationToken).ConfigureAwait(false);
            for (long sent = 0; sent < count;)
            {
                int chunk = (int)Math.Min(s_payload.Length, count - sent);
                sent += await connection.SendAsync(s_payload.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
            }

            return (true, filled);
        }

        if (method == "POST" && target == "/upload")
        {
            if (head.ContentLength is not { } length)
            {
                await SendSimpleAsync(connection, 411, "upload needs Content-Length\n", close: true, cancellationToken).ConfigureAwait(false);
                return (false, 0);
            }

            if (string.Equals(head.Header("expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await connection.SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            long received = Math.Min(length, filled);
            int remainder = filled - (int)received;
            Buffer.BlockCopy(buffer, (int)received, buffer, 0, remainder);
            while (received < length)
            {
                int want = (int)Math.Min(buffer.Length, length - received);
                int n = await connection.ReceiveAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return (false, 0);
                }

                received += n;
            }

            await SendSimpleAsync(connection, 200, $"received {received}\n", close, cancellationToken).ConfigureAwait(false);
            return (true, remainder);
        }

        await SendSimpleAsync(connection, 404, "try GET /, GET /bytes/N or POST /upload\n", close, cancellationToken).ConfigureAwait(false);
        return (true, filled);
    }

    private async Task SendSimpleAsync(Socket connection, int status, string body, bool close, CancellationToken cancellationToken)
    {
        // Head and body in one send: one segment per small answer, as a real server would.
        byte[] response = Encoding.ASCII.GetBytes(Head(status, Encoding.ASCII.GetByteCount(body), close) + body);
        await connection.SendAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private string Head(int status, long contentLength, bool close)
    {
        string reason = status switch { 200 => "OK", 400 => "Bad Request", 404 => "Not Found", 411 => "Length Required", 431 => "Request Header Fields Too Large", _ => "Error" };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {contentLength}\r\nX-Real: {_name}\r\nX-DC: {_dataCenter}\r\n{(close ? "Connection: close\r\n" : "")}\r\n");
    }

    private static byte[] CreatePayload()
    {
        byte[] payload = new byte[64 * 1024];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        return payload;
    }
}
