using System.Runtime.CompilerServices;
using Longhaul.Packets;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// The per-packet operations raw and UDP sockets share. Every method returns a length/count or -errno,
/// retries EINTR, and allocates nothing (sockaddrs live on the stack or in the <see cref="PacketBatch"/>).
/// </summary>
internal static unsafe class DatagramIo
{
    [SkipLocalsInit]
    public static int SendTo(FileDescriptorHandle fd, int family, ReadOnlySpan<byte> packet, NetAddress destination, ushort port)
    {
        Span<byte> sockaddr = stackalloc byte[SockAddr.MaxLength];
        int length = SockAddr.Write(family, destination, port, sockaddr);
        return length < 0 ? length : Interop.Libc.SendTo(fd, packet, sockaddr[..length]);
    }

    /// <summary>One datagram; -EMSGSIZE when it was longer than <paramref name="buffer"/> (the rest is lost).</summary>
    [SkipLocalsInit]
    public static int Receive(FileDescriptorHandle fd, Span<byte> buffer, out NetAddress source, out ushort port)
    {
        Span<byte> sockaddr = stackalloc byte[SockAddr.MaxLength];
        int n = RecvFrom(fd, buffer, sockaddr, out int sockaddrLength);
        if (n < 0 || !SockAddr.TryRead(sockaddr[..Math.Min(sockaddrLength, SockAddr.MaxLength)], out source, out port))
        {
            source = default;
            port = 0;
        }

        return n > buffer.Length ? Errno.EMSGSIZE.AsResult() : n;
    }

    public static int SendBatch(FileDescriptorHandle fd, int family, PacketBatch batch, int start)
    {
        if (batch.IsDisposed)
        {
            return Errno.EBADF.AsResult();
        }

        if ((uint)start >= (uint)batch.Count)
        {
            return 0;
        }

        MMsgHdr* messages = batch.PrepareSend(family, start, out int ready, out int error);
        return ready == 0 ? error : SendMmsg(fd, messages, ready);
    }

    public static int SendAll(FileDescriptorHandle fd, int family, PacketBatch batch, out int dropped, out Errno lastError)
    {
        int sent = 0;
        dropped = 0;
        lastError = Errno.None;
        int i = 0;
        int count = batch.Count;
        while (i < count)
        {
            int r = SendBatch(fd, family, batch, i);
            if (r > 0)
            {
                sent += r;
                i += r;
                continue;
            }

            if (r == 0)
            {
                break;
            }

            lastError = ErrnoExtensions.FromResult(r);
            if (lastError is Errno.EAGAIN or Errno.EBADF)
            {
                // Send buffer full on a non-blocking socket (or no socket): trying each remaining packet
                // would only burn system calls on the same answer.
                dropped += count - i;
                break;
            }

            // This one packet is refused (EMSGSIZE, ENETUNREACH, ...): drop it, keep the rest moving.
            dropped++;
            i++;
        }

        return sent;
    }

    public static int ReceiveBatch(FileDescriptorHandle fd, PacketBatch batch)
    {
        if (batch.IsDisposed)
        {
            return Errno.EBADF.AsResult();
        }

        MMsgHdr* messages = batch.PrepareReceive();
        int n = RecvMmsg(fd, messages, batch.Capacity);
        if (n > 0)
        {
            batch.CompleteReceive(n);
        }

        return n;
    }
}
