using System.Net.Sockets;
using System.Security.Cryptography;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Egress;

/// <summary>
/// The director's one-command check. For every target it sends a probe through the tunnel (IPIP or GUE, exactly
/// as client packets travel) to the VIP at the real; the agent answers from the VIP and from the real's own address
/// to the director's tunnel source, and a single UDP socket here collects both. Bounded: at most
/// <see cref="TunnelProbeOptions.Attempts"/> probes per target, and never longer than the timeout.
/// </summary>
public sealed class TunnelProbeCheck
{
    // Headroom in front of the inner packet for the widest outer headers: IPv6 + UDP + GUE.
    private const int Headroom = 64;

    private readonly TunnelProbeOptions _options;
    private readonly TimeProvider _time;

    public TunnelProbeCheck(TunnelProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Probes every target (needs root for the raw sockets) and returns one result per target, in order.</summary>
    public IReadOnlyList<EgressResult> Run(IReadOnlyList<EgressTarget> targets, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Privileges.RequireRoot("egress-check (it sends tunnel packets through raw sockets)");

        var states = new TargetState[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            states[i] = new TargetState(targets[i], SkipReason(targets[i]));
        }

        using UdpSocket replies = OpenReplySocket();
        using var senders = new RawSenders();
        var tokens = new Dictionary<UInt128, (int Target, int Attempt)>();
        byte[] buffer = new byte[Headroom + IpUdpPacketWriter.MaxHeaderLength + ProbeMessage.Length];
        byte[] receive = new byte[2048];

        long start = _time.GetTimestamp();
        TimeSpan spacing = _options.Timeout / (2 * _options.Attempts);
        int attempt = 0;
        while (!cancellation.IsCancellationRequested)
        {
            TimeSpan elapsed = _time.GetElapsedTime(start);
            if (elapsed >= _options.Timeout || AllAnswered(states))
            {
                break;
            }

            if (attempt < _options.Attempts && elapsed >= spacing * attempt)
            {
                SendRound(states, attempt, replies.LocalPort, senders, tokens, buffer);
                attempt++;
                continue;
            }

            TimeSpan next = attempt < _options.Attempts ? (spacing * attempt) - elapsed : _options.Timeout - elapsed;
            int waitMs = Math.Clamp((int)Math.Ceiling(next.TotalMilliseconds), 1, 100);
            if (replies.WaitReadable(waitMs) > 0)
            {
                Drain(replies, receive, states, tokens);
            }
        }

        var results = new EgressResult[states.Length];
        for (int i = 0; i < states.Length; i++)
        {
            results[i] = EgressVerdicts.Decide(states[i].Target, states[i].ToObservation(), _options.Timeout);
        }

        return results;
    }

    private static bool AllAnswered(TargetState[] states)
    {
        foreach (TargetState state in states)
        {
            if (state.SkipReason is null && (state.VipAfter is null || state.ControlAfter is null))
            {
                return false;
            }
        }

        return true;
    }

    private string? SkipReason(EgressTarget target)
    {
        NetAddress outer = target.Real.IsIPv4 ? _options.SourceV4 : _options.SourceV6;
        NetAddress inner = target.Vip.IsIPv4 ? _options.SourceV4 : _options.SourceV6;
        if (outer.IsNone)
        {
            return $"no IPv{(target.Real.IsIPv4 ? 4 : 6)} tunnel source to reach real {target.Real}";
        }

        if (inner.IsNone)
        {
            return $"no IPv{(target.Vip.IsIPv4 ? 4 : 6)} director address for replies from VIP {target.Vip} (set tunnel-source{(target.Vip.IsIPv4 ? "" : "-v6")})";
        }

        return null;
    }

    private UdpSocket OpenReplySocket()
    {
        var options = new UdpSocketOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(100), V6Only = false };
        try
        {
            return UdpSocket.Bind(NetAddress.None, _options.ReplyPort, options);
        }
        catch (LinuxException e) when (e.Errno == Errno.EAFNOSUPPORT)
        {
            return UdpSocket.Bind(NetAddress.FromV4(0), _options.ReplyPort, options);
        }
    }

    private void SendRound(TargetState[] states, int attempt, ushort replyPort, RawSenders senders, Dictionary<UInt128, (int, int)> tokens, byte[] buffer)
    {
        Span<byte> message = stackalloc byte[ProbeMessage.Length];
        for (int i = 0; i < states.Length; i++)
        {
            TargetState state = states[i];
            if (state.SkipReason is not null || (state.VipAfter is not null && state.ControlAfter is not null))
            {
                continue;
            }

            EgressTarget target = state.Target;
            UInt128 token = NewToken();
            tokens[token] = (i, attempt);
            NetAddress innerSource = target.Vip.IsIPv4 ? _options.SourceV4 : _options.SourceV6;
            NetAddress outerSource = target.Real.IsIPv4 ? _options.SourceV4 : _options.SourceV6;

            ProbeMessage.Write(message, ProbeKind.TunnelProbe, (byte)attempt, token, target.Real, target.Vip);
            int innerLength = IpUdpPacketWriter.Write(buffer.AsSpan(Headroom), innerSource, replyPort, target.Vip, _options.ProbePort, message);
            var parameters = new TunnelParameters(
                target.Tunnel,
                outerSource,
                target.Real,
                target.GueVariant,
                target.GuePort,
                sourcePort: TunnelParameters.EntropyPort((uint)token));
            int packetStart = Encapsulation.Encapsulate(buffer, Headroom, innerLength, parameters);
            if (innerLength < 0 || packetStart < 0)
            {
                state.SendError ??= "the probe could not be encapsulated";
                continue;
            }

            int packetLength = Headroom + innerLength - packetStart;
            state.SentAt[attempt] = _time.GetTimestamp();
            int sent = senders.For(target.Real).SendTo(buffer.AsSpan(packetStart, packetLength), target.Real);
            if (sent < 0)
            {
                state.SendError ??= $"sending to {target.Real} failed: {ErrnoExtensions.FromResult(sent)}";
                continue;
            }

            state.ProbesSent++;
        }
    }

    private void Drain(UdpSocket socket, byte[] receive, TargetState[] states, Dictionary<UInt128, (int Target, int Attempt)> tokens)
    {
        // Bounded: whatever is queued now, at most a few per target, then back to the clock.
        for (int budget = 0; budget < 64 + (4 * states.Length); budget++)
        {
            if (socket.WaitReadable(0) <= 0)
            {
                return;
            }

            int n = socket.Receive(receive, out NetAddress source, out _);
            if (n < 0)
            {
                return;
            }

            long now = _time.GetTimestamp();
            if (!ProbeMessage.TryParse(receive.AsSpan(0, n), out ProbeMessage message)
                || !tokens.TryGetValue(message.Token, out (int Target, int Attempt) match))
            {
                continue; // not ours, or a stale token from another run
            }

            TargetState state = states[match.Target];
            TimeSpan after = _time.GetElapsedTime(state.SentAt[match.Attempt], now);
            if (message.Kind == ProbeKind.VipReply && state.VipAfter is null)
            {
                state.VipAfter = after;
                state.VipSource = source;
            }
            else if (message.Kind == ProbeKind.ControlReply && state.ControlAfter is null)
            {
                state.ControlAfter = after;
                state.ControlSource = source;
            }
        }
    }

    private static UInt128 NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private sealed class TargetState(EgressTarget target, string? skipReason)
    {
        public EgressTarget Target { get; } = target;

        public string? SkipReason { get; } = skipReason;

        public long[] SentAt { get; } = new long[16];

        public int ProbesSent { get; set; }

        public string? SendError { get; set; }

        public TimeSpan? VipAfter { get; set; }

        public NetAddress VipSource { get; set; }

        public TimeSpan? ControlAfter { get; set; }

        public NetAddress ControlSource { get; set; }

        public ProbeObservation ToObservation() => new()
        {
            ProbesSent = ProbesSent,
            VipReplyAfter = VipAfter,
            VipReplySource = VipSource,
            ControlReplyAfter = ControlAfter,
            ControlReplySource = ControlSource,
            SkipReason = SkipReason ?? (ProbesSent == 0 ? SendError : null),
        };
    }

    /// <summary>One IPPROTO_RAW sender per outer family, opened on first use.</summary>
    private sealed class RawSenders : IDisposable
    {
        private RawSocket? _v4;
        private RawSocket? _v6;

        public RawSocket For(NetAddress destination) => destination.IsIPv4
            ? _v4 ??= RawSocket.OpenSender(AddressFamily.InterNetwork)
            : _v6 ??= RawSocket.OpenSender(AddressFamily.InterNetworkV6);

        public void Dispose()
        {
            _v4?.Dispose();
            _v6?.Dispose();
        }
    }
}
