using System.Net.Sockets;
using Longhaul.Egress;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.RealServer.Egress;

/// <summary>
/// Answers the director's egress probes (see docs/isp-egress.md). A probe arrives through the tunnel like any client
/// packet, addressed to a VIP; instead of going into the TUN device it gets two replies to the director: one with
/// the VIP as source through a raw socket (the packet an anti-spoofing filter would drop) and a control from an
/// ordinary UDP socket, whose source the kernel picks (the real's own address).
/// </summary>
/// <remarks>
/// Not a reflector: probes must come from an allowed director twice over (the outer source, checked by the
/// filter before we see the packet, and the inner source, where the replies go), and replies are rate-limited.
/// Nothing here allocates; it runs on the receive threads.
/// </remarks>
public sealed class EgressResponder : IDisposable
{
    private readonly AddressPrefixList _directors;
    private readonly ReplyRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly RawSocket? _raw4;
    private readonly RawSocket? _raw6;
    private readonly UdpSocket? _control;
    private long _answered;
    private long _refused;
    private long _rateLimited;
    private long _sendFailed;

    private EgressResponder(ushort probePort, AddressPrefixList directors, int repliesPerSecond, TimeProvider time, RawSocket? raw4, RawSocket? raw6, UdpSocket? control)
    {
        ProbePort = probePort;
        _directors = directors;
        _time = time;
        _raw4 = raw4;
        _raw6 = raw6;
        _control = control;

        // Two replies per probe; a burst of one second's worth lets a director check many VIPs at once.
        _limiter = new ReplyRateLimiter(repliesPerSecond, repliesPerSecond, time.TimestampFrequency, time.GetTimestamp());
    }

    public ushort ProbePort { get; }

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Probes whose inner source is not an allowed director (the replies would go to a stranger).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long RateLimited => Interlocked.Read(ref _rateLimited);

    public long SendFailed => Interlocked.Read(ref _sendFailed);

    /// <summary>Opens the reply sockets in the calling thread's namespace. Needs root (raw sockets).</summary>
    public static EgressResponder Open(ushort probePort, AddressPrefixList directors, int repliesPerSecond = EgressDefaults.RepliesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(directors);
        ArgumentOutOfRangeException.ThrowIfZero(probePort);
        RawSocket raw4 = RawSocket.OpenSender(AddressFamily.InterNetwork);
        RawSocket? raw6 = null;
        UdpSocket? control = null;
        try
        {
            try
            {
                raw6 = RawSocket.OpenSender(AddressFamily.InterNetworkV6);
            }
            catch (LinuxException e) when (e.Errno is Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT)
            {
                // No IPv6 here: IPv6 probes go unanswered, IPv4 ones still work.
            }

            var options = new UdpSocketOptions { ReceiveTimeout = null, V6Only = false };
            try
            {
                control = UdpSocket.Bind(NetAddress.None, 0, options);
            }
            catch (LinuxException e) when (e.Errno == Errno.EAFNOSUPPORT)
            {
                control = UdpSocket.Bind(NetAddress.FromV4(0), 0, options);
            }

            return new EgressResponder(probePort, directors, repliesPerSecond, TimeProvider.System, raw4, raw6, control);
        }
        catch
        {
            raw4.Dispose();
            raw6?.Dispose();
            control?.Dispose();
            throw;
        }
    }

    /// <summary>For tests: decisions only, no sockets (replies count as sent).</summary>
    internal static EgressResponder ForTest(ushort probePort, AddressPrefixList directors, int repliesPerSecond, TimeProvider time) =>
        new(probePort, directors, repliesPerSecond, time, null, null, null);

    /// <summary>
    /// True when <paramref name="innerPacket"/> was a probe and has been dealt with (answered, refused or
    /// rate-limited): it must not go on to the TUN device. False for everything else.
    /// </summary>
    public bool TryHandle(ReadOnlySpan<byte> innerPacket)
    {
        if (!ProbeResponse.TryReadProbe(innerPacket, ProbePort, out ProbeRequest request))
        {
            return false;
        }

        if (!_directors.Contains(request.Director))
        {
            Interlocked.Increment(ref _refused);
            return true;
        }

        if (!_limiter.TryTake(_time.GetTimestamp(), 2))
        {
            Interlocked.Increment(ref _rateLimited);
            return true;
        }

        Span<byte> buffer = stackalloc byte[ProbeResponse.MaxVipReplyLength];
        int length = ProbeResponse.WriteVipReply(buffer, request);
        RawSocket? raw = request.Vip.IsIPv4 ? _raw4 : _raw6;
        bool failed = length < 0 || (raw is not null && raw.SendTo(buffer[..length], request.Director) < 0);

        ProbeResponse.WriteControlPayload(buffer, request);
        failed |= _control is not null && _control.SendTo(buffer[..ProbeMessage.Length], request.Director, request.DirectorPort) < 0;

        Interlocked.Increment(ref failed ? ref _sendFailed : ref _answered);
        return true;
    }

    public void Dispose()
    {
        _raw4?.Dispose();
        _raw6?.Dispose();
        _control?.Dispose();
    }
}
