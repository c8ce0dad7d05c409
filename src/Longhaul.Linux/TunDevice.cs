using static Interop.Libc;

namespace Longhaul.Linux;

/// <summary>
/// One queue of a layer-3 TUN device (IFF_TUN | IFF_NO_PI): every read returns one IP packet the kernel
/// routed to the device, every write injects one IP packet as if it arrived on it. IFF_NO_PI drops the 4-byte
/// packet-information prefix so buffers hold bare IP packets; the version nibble tells IPv4 from IPv6.
/// The device lives while some queue is open (it is not made persistent) and belongs to the network
/// namespace of the thread that opened it. Read/Write return a length or -errno and never throw or allocate.
/// </summary>
public sealed class TunDevice : IDisposable
{
    public const string ClonePath = "/dev/net/tun";

    private readonly FileDescriptorHandle _handle;

    private TunDevice(FileDescriptorHandle handle, string name, TunOptions options)
    {
        _handle = handle;
        Name = name;
        IsMultiQueue = options.MultiQueue;
        IsNonBlocking = options.NonBlocking;
    }

    /// <summary>The device name the kernel assigned (it expands a pattern such as "lh%d").</summary>
    public string Name { get; }

    public bool IsMultiQueue { get; }

    public bool IsNonBlocking { get; }

    public FileDescriptorHandle Handle => _handle;

    /// <summary>
    /// Creates the device <paramref name="name"/>, or attaches to it when it exists and is ours (or, with
    /// <see cref="TunOptions.MultiQueue"/>, adds a queue). Brings it up and sets the MTU as asked.
    /// Needs root or CAP_NET_ADMIN.
    /// </summary>
    public static TunDevice Open(string name, TunOptions? options = null)
    {
        NetworkLink.ValidateName(name);
        options ??= TunOptions.Default;

        int fd = Interop.Libc.Open(ClonePath, O_RDWR | (options.NonBlocking ? O_NONBLOCK : 0));
        if (fd < 0)
        {
            Errno errno = ErrnoExtensions.FromResult(fd);
            throw new LinuxException(errno, $"opening {ClonePath} for '{name}'", errno == Errno.ENOENT ? "is the tun module available?" : null);
        }

        var handle = new FileDescriptorHandle(fd);
        try
        {
            IfReq request = IfReq.ForName(name);
            request.Flags = (short)(IFF_TUN | IFF_NO_PI | (options.MultiQueue ? IFF_MULTI_QUEUE : 0));
            int r = Ioctl(handle, TUNSETIFF, ref request);
            if (r < 0)
            {
                Errno errno = ErrnoExtensions.FromResult(r);
                string? hint = errno switch
                {
                    Errno.EPERM or Errno.EACCES => "are you root? creating a TUN device needs CAP_NET_ADMIN",
                    Errno.EINVAL => "does a device of that name exist with other flags (TAP, multi-queue or not)?",
                    Errno.EBUSY => "is another process attached to it without IFF_MULTI_QUEUE?",
                    _ => null,
                };
                throw new LinuxException(errno, $"creating TUN device '{name}' (TUNSETIFF)", hint);
            }

            string actualName = request.GetName();
            if (options.Mtu is { } mtu)
            {
                NetworkLink.SetMtu(actualName, mtu);
            }

            if (options.BringUp)
            {
                NetworkLink.SetUp(actualName);
            }

            return new TunDevice(handle, actualName, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="count"/> queues of one multi-queue device, e.g. one per worker.</summary>
    public static IReadOnlyList<TunDevice> OpenQueues(string name, int count, TunOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        options = (options ?? TunOptions.Default) with { MultiQueue = true };
        var queues = new List<TunDevice>(count);
        try
        {
            queues.Add(Open(name, options));

            // The first open resolved any name pattern; the rest attach to that device, and only the first
            // needed to configure it.
            TunOptions attach = options with { BringUp = false, Mtu = null };
            for (int i = 1; i < count; i++)
            {
                queues.Add(Open(queues[0].Name, attach));
            }

            return queues;
        }
        catch
        {
            foreach (TunDevice queue in queues)
            {
                queue.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Reads one IP packet: its length, -EAGAIN when non-blocking and nothing is queued, or -errno.
    /// Give it at least MTU bytes; the kernel cuts a longer packet to fit.
    /// </summary>
    public int Read(Span<byte> buffer) => Interop.Libc.Read(_handle, buffer);

    /// <summary>
    /// Writes one IP packet (the kernel then routes or delivers it as received on this device): its length or
    /// -errno (EINVAL for a malformed packet, EIO when the link is down).
    /// </summary>
    public int Write(ReadOnlySpan<byte> packet) => Interop.Libc.Write(_handle, packet);

    /// <summary>1 when a read would not block, 0 after <paramref name="timeoutMilliseconds"/>, or -errno.</summary>
    public int WaitReadable(int timeoutMilliseconds) => PollReadable(_handle, timeoutMilliseconds);

    /// <summary>Brings the link up; call on a thread in the device's namespace.</summary>
    public void SetUp() => NetworkLink.SetUp(Name);

    /// <summary>Sets the MTU; call on a thread in the device's namespace.</summary>
    public void SetMtu(int mtu) => NetworkLink.SetMtu(Name, mtu);

    public void Dispose() => _handle.Dispose();
}
