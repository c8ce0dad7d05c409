using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Longhaul.Linux;

namespace Longhaul.Lab.Http;

/// <summary>
/// One long-lived HTTP/1.1 keep-alive connection from a namespace (normally lh-client): many requests over
/// the same TCP connection, so the same 5-tuple crosses whichever director ECMP sends it to, for as long as
/// the test runs. The socket is made on a short-lived thread inside the namespace and keeps it for life.
/// </summary>
public sealed class LabKeepAliveConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _request;

    private LabKeepAliveConnection(Socket socket, string address)
    {
        _socket = socket;
        LocalPort = LabHttpClient.LocalPort(socket);
        string host = socket.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        _request = Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
    }

    /// <summary>The client's source port: with the addresses it is the flow's 5-tuple.</summary>
    public int LocalPort { get; }

    /// <summary>Connects within <paramref name="timeout"/>; throws <see cref="SocketException"/> when it cannot.</summary>
    public static LabKeepAliveConnection Open(string networkNamespace, string address, TimeSpan timeout, ushort port = 80)
    {
        var target = new IPEndPoint(IPAddress.Parse(address), port);
        Socket socket = NetworkNamespace.Run(networkNamespace, () => new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            socket.NoDelay = true;
            if (!LabHttpClient.Connect(socket, target, timeout))
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            return new LabKeepAliveConnection(socket, address);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>`GET /` on this connection; a failure (reset, timeout, close) is in the result, not thrown.</summary>
    public LabHttpResult Get(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long received = 0;
        try
        {
            int milliseconds = (int)Math.Max(1, timeout.TotalMilliseconds);
            _socket.ReceiveTimeout = milliseconds;
            _socket.SendTimeout = milliseconds;
            _socket.Send(_request);
            return LabHttpClient.ReadResponse(_socket, ref received, LocalPort, clock);
        }
        catch (SocketException e)
        {
            string error = e.SocketErrorCode == SocketError.TimedOut ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.SocketErrorCode.ToString();
            return new LabHttpResult(0, null, null, 0, received, "", LocalPort, clock.Elapsed, error);
        }
    }

    public void Dispose() => _socket.Dispose();
}
