using System.Runtime.InteropServices;
using Longhaul.Packets;
using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// A fixed set of packet slots in native memory together with the <c>mmsghdr</c>, <c>iovec</c> and sockaddr
/// arrays that <c>sendmmsg</c>/<c>recvmmsg</c> need, all built once so a batch send or receive allocates
/// nothing and pins nothing. Each slot has a buffer, a length and a peer (destination when sending, source
/// when receiving). Owned by one worker; not thread-safe.
/// </summary>
/// <remarks>
/// Typical send loop: write a packet into <see cref="GetBuffer"/>(<see cref="Count"/>), <see cref="Commit"/>
/// its length and destination, and hand the batch to <see cref="RawSocket.SendAll"/> when full or idle.
/// </remarks>
public sealed unsafe class PacketBatch : IDisposable
{
    /// <summary>The kernel's UIO_MAXIOV: sendmmsg/recvmmsg take at most this many messages per call.</summary>
    public const int MaxCapacity = 1024;

    private const int AddressStride = 32;
    private const int Alignment = 64;

    private readonly int[] _lengths;
    private readonly NetAddress[] _peers;
    private readonly ushort[] _ports;
    private readonly bool[] _truncated;
    private readonly int _stride;
    private byte* _memory;
    private MMsgHdr* _messages;
    private byte* _addresses;
    private byte* _data;
    private int _count;

    public PacketBatch(int capacity, int bufferSize = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferSize, 65536);

        Capacity = capacity;
        BufferSize = bufferSize;
        _stride = (bufferSize + Alignment - 1) & ~(Alignment - 1);
        _lengths = new int[capacity];
        _peers = new NetAddress[capacity];
        _ports = new ushort[capacity];
        _truncated = new bool[capacity];

        nuint messagesBytes = (nuint)(capacity * sizeof(MMsgHdr));
        nuint iovBytes = (nuint)(capacity * sizeof(IoVec));
        nuint addressBytes = (nuint)(capacity * AddressStride);
        nuint headerBytes = (messagesBytes + iovBytes + addressBytes + Alignment - 1) & ~(nuint)(Alignment - 1);
        nuint total = headerBytes + ((nuint)capacity * (nuint)_stride);

        _memory = (byte*)NativeMemory.AlignedAlloc(total, Alignment);
        NativeMemory.Clear(_memory, headerBytes);
        _messages = (MMsgHdr*)_memory;
        IoVec* iov = (IoVec*)(_memory + messagesBytes);
        _addresses = _memory + messagesBytes + iovBytes;
        _data = _memory + headerBytes;

        for (int i = 0; i < capacity; i++)
        {
            iov[i].Base = _data + ((nint)i * _stride);
            iov[i].Length = (nuint)bufferSize;
            _messages[i].Header.Iov = &iov[i];
            _messages[i].Header.IovLength = 1;
            _messages[i].Header.Name = _addresses + (i * AddressStride);
        }
    }

    ~PacketBatch() => Free();

    public int Capacity { get; }

    /// <summary>Bytes per slot. Receiving, a datagram longer than this is flagged <see cref="IsTruncated"/>.</summary>
    public int BufferSize { get; }

    /// <summary>Slots in use: [0, Count) are sent by a send and filled by a receive.</summary>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _count = value;
        }
    }

    public bool IsFull => _count == Capacity;

    internal bool IsDisposed => _memory is null;

    /// <summary>The whole buffer of slot <paramref name="index"/>, to build a packet in place.</summary>
    public Span<byte> GetBuffer(int index)
    {
        CheckSlot(index, Capacity);
        return new Span<byte>(_data + ((nint)index * _stride), BufferSize);
    }

    /// <summary>The packet in slot <paramref name="index"/> (its committed or received length).</summary>
    public Span<byte> GetPacket(int index)
    {
        CheckSlot(index, _count);
        return new Span<byte>(_data + ((nint)index * _stride), _lengths[index]);
    }

    public int GetLength(int index)
    {
        CheckSlot(index, _count);
        return _lengths[index];
    }

    /// <summary>Destination (send) or source (receive) address of slot <paramref name="index"/>.</summary>
    public NetAddress GetAddress(int index)
    {
        CheckSlot(index, _count);
        return _peers[index];
    }

    /// <summary>Destination or source port; 0 for raw sockets.</summary>
    public ushort GetPort(int index)
    {
        CheckSlot(index, _count);
        return _ports[index];
    }

    /// <summary>True when a received datagram was longer than <see cref="BufferSize"/> and was cut.</summary>
    public bool IsTruncated(int index)
    {
        CheckSlot(index, _count);
        return _truncated[index];
    }

    /// <summary>Records a packet already written into <see cref="GetBuffer"/>(<see cref="Count"/>) and advances <see cref="Count"/>.</summary>
    public void Commit(int length, NetAddress peer, ushort port = 0) => Set(_count++, length, peer, port);

    /// <summary>Sets slot metadata; <paramref name="index"/> must be below <see cref="Capacity"/>.</summary>
    public void Set(int index, int length, NetAddress peer, ushort port = 0)
    {
        CheckSlot(index, Capacity);
        if ((uint)length > (uint)BufferSize)
        {
            ThrowLength(length);
        }

        _lengths[index] = length;
        _peers[index] = peer;
        _ports[index] = port;
        _truncated[index] = false;
    }

    /// <summary>Copies a packet into the next slot; false when the batch is full or the packet does not fit.</summary>
    public bool TryAdd(ReadOnlySpan<byte> packet, NetAddress peer, ushort port = 0)
    {
        if (_count == Capacity || packet.Length > BufferSize)
        {
            return false;
        }

        packet.CopyTo(GetBuffer(_count));
        Commit(packet.Length, peer, port);
        return true;
    }

    public void Clear() => _count = 0;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Fills names and lengths of slots [start, Count) for a socket of <paramref name="socketFamily"/> and
    /// returns how many consecutive slots are ready (0 when slot <paramref name="start"/> has an address the
    /// socket cannot take; <paramref name="error"/> then says why).
    /// </summary>
    internal MMsgHdr* PrepareSend(int socketFamily, int start, out int ready, out int error)
    {
        error = 0;
        int i = start;
        for (; i < _count; i++)
        {
            Span<byte> address = new(_messages[i].Header.Name, AddressStride);
            int length = SockAddr.Write(socketFamily, _peers[i], _ports[i], address);
            if (length < 0)
            {
                error = length;
                break;
            }

            _messages[i].Header.NameLength = (uint)length;
            _messages[i].Header.Iov->Length = (nuint)_lengths[i];
            _messages[i].Header.Flags = 0;
        }

        ready = i - start;
        return _messages + start;
    }

    /// <summary>Resets every slot to take a full-size datagram and its source address.</summary>
    internal MMsgHdr* PrepareReceive()
    {
        for (int i = 0; i < Capacity; i++)
        {
            _messages[i].Header.NameLength = SockAddr.MaxLength;
            _messages[i].Header.Iov->Length = (nuint)BufferSize;
            _messages[i].Header.Flags = 0;
            _messages[i].Length = 0;
        }

        _count = 0;
        return _messages;
    }

    internal void CompleteReceive(int received)
    {
        for (int i = 0; i < received; i++)
        {
            ref MMsgHdr message = ref _messages[i];
            _lengths[i] = (int)message.Length;
            _truncated[i] = (message.Header.Flags & MSG_TRUNC) != 0;
            ReadOnlySpan<byte> address = new(message.Header.Name, (int)Math.Min(message.Header.NameLength, (uint)SockAddr.MaxLength));
            if (!SockAddr.TryRead(address, out _peers[i], out _ports[i]))
            {
                _peers[i] = default;
                _ports[i] = 0;
            }
        }

        _count = received;
    }

    private void Free()
    {
        if (_memory is not null)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
            _messages = null;
            _addresses = null;
            _data = null;
        }
    }

    private void CheckSlot(int index, int limit)
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        if ((uint)index >= (uint)limit)
        {
            ThrowIndex(index, limit);
        }
    }

    private static void ThrowIndex(int index, int limit) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Slot must be in [0, {limit}).");

    private void ThrowLength(int length) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"Length must be in [0, {BufferSize}].");
}
