using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Text;

namespace Longhaul.Health.Probes;

/// <summary>
/// An HTTP(S) GET (keepalived HTTP_GET / SSL_GET): healthy when the status is the expected one and, if asked, the
/// body contains a substring. Written over a plain socket rather than HttpClient so a tunnel probe can bind its
/// steered source port. HTTP/1.0 keeps the answer simple (no chunking, the server closes); HTTPS does not verify
/// the certificate (the check is about the service answering, as keepalived's SSL_GET).
/// </summary>
public sealed class HttpProbe : IHealthProbe
{
    /// <summary>Enough for a status page; a longer answer is read this far and judged on it.</summary>
    internal const int MaxResponseBytes = 64 * 1024;

    private readonly IPEndPoint _remote;
    private readonly IPEndPoint? _local;
    private readonly bool _https;
    private readonly int _status;
    private readonly string? _bodyContains;
    private readonly string _host;
    private readonly byte[] _request;

    public HttpProbe(IPEndPoint remote, string path, int status, string? bodyContains, string? host, bool https, IPEndPoint? local = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _remote = remote;
        _local = local;
        _https = https;
        _status = status;
        _bodyContains = string.IsNullOrEmpty(bodyContains) ? null : bodyContains;
        _host = string.IsNullOrEmpty(host) ? HostFor(remote) : host;
        _request = Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.0\r\nHost: {_host}\r\nUser-Agent: longhaul-health\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellation)
    {
        byte[] response;
        try
        {
            using Socket socket = await ProbeSocket.ConnectAsync(_remote, _local, cancellation).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: false);
            await using (network.ConfigureAwait(false))
            {
                Stream stream = network;
                SslStream? tls = null;
                if (_https)
                {
                    // The check asks "does the service answer", not "is its certificate valid" (keepalived's
                    // SSL_GET does not verify either); reals are often reached by address, not by a certificate name.
#pragma warning disable CA5359
                    tls = new SslStream(network, leaveInnerStreamOpen: true, static (_, _, _, _) => true);
#pragma warning restore CA5359
                    await tls.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions { TargetHost = _host }, cancellation).ConfigureAwait(false);
                    stream = tls;
                }

                try
                {
                    await stream.WriteAsync(_request, cancellation).ConfigureAwait(false);
                    response = await ReadAllAsync(stream, cancellation).ConfigureAwait(false);
                }
                finally
                {
                    if (tls is not null)
                    {
                        await tls.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail($"{Scheme} {_remote}: {e.SocketErrorCode}");
        }
        catch (IOException e)
        {
            return ProbeResult.Fail($"{Scheme} {_remote}: {e.Message}");
        }
        catch (AuthenticationException e)
        {
            return ProbeResult.Fail($"{Scheme} {_remote}: TLS: {e.Message}");
        }

        return Judge(response, _status, _bodyContains);
    }

    private string Scheme => _https ? "https" : "http";

    /// <summary>Whether a raw HTTP response passes: status line first, then the body substring.</summary>
    internal static ProbeResult Judge(ReadOnlySpan<byte> response, int expectedStatus, string? bodyContains)
    {
        // "HTTP/1.x NNN ..."
        if (response.Length < 12 || !response.StartsWith("HTTP/"u8) || response[8] != (byte)' ')
        {
            return ProbeResult.Fail("not an HTTP response");
        }

        if (!int.TryParse(response.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            return ProbeResult.Fail("malformed HTTP status line");
        }

        if (status != expectedStatus)
        {
            return ProbeResult.Fail($"HTTP status {status}, expected {expectedStatus}");
        }

        if (bodyContains is null)
        {
            return ProbeResult.Ok;
        }

        int headerEnd = response.IndexOf("\r\n\r\n"u8);
        ReadOnlySpan<byte> body = headerEnd < 0 ? [] : response[(headerEnd + 4)..];
        return body.IndexOf(Encoding.UTF8.GetBytes(bodyContains)) >= 0
            ? ProbeResult.Ok
            : ProbeResult.Fail($"body does not contain \"{bodyContains}\"");
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellation)
    {
        byte[] buffer = new byte[MaxResponseBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    private static string HostFor(IPEndPoint remote) =>
        remote.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{remote.Address}]:{remote.Port}" : $"{remote.Address}:{remote.Port}";
}
