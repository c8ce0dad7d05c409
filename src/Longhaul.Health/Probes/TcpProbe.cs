using System.Net;
using System.Net.Sockets;

namespace Longhaul.Health.Probes;

/// <summary>Healthy when a TCP connection opens (keepalived TCP_CHECK; or a tunnel check's connect to VIP:port).</summary>
public sealed class TcpProbe(IPEndPoint remote, IPEndPoint? local = null) : IHealthProbe
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellation)
    {
        try
        {
            using Socket socket = await ProbeSocket.ConnectAsync(remote, local, cancellation).ConfigureAwait(false);
            return ProbeResult.Ok;
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail($"connect {remote}: {e.SocketErrorCode}");
        }
    }
}
