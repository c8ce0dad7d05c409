using System.Net;
using System.Net.Sockets;

namespace Longhaul.Health.Probes;

/// <summary>Opening a probe's TCP connection, optionally from a fixed local address and port.</summary>
internal static class ProbeSocket
{
    /// <summary>
    /// Connects to <paramref name="remote"/>. With <paramref name="local"/> the socket is bound first: tunnel probes
    /// leave from the port the data path steers to their real. The socket aborts on close (linger 0, so a RST
    /// and no TIME_WAIT), because the next probe reuses the same port toward the same VIP:port.
    /// </summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint remote, IPEndPoint? local, CancellationToken cancellation)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            socket.LingerState = new LingerOption(true, 0);
            if (local is not null)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(local);
            }

            await socket.ConnectAsync(remote, cancellation).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
