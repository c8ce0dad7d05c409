using System.Numerics;
using System.Runtime.CompilerServices;
using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// The per-packet service lookup: an open-addressing table, at most half full, from (protocol, VIP, port) to
/// the compiled service. Built once per snapshot. A general-purpose dictionary spent about 10 ns per packet
/// here hashing a record key through generic comparers; this hashes the key's words with one multiply and
/// compares them directly.
/// </summary>
internal sealed class ServiceIndex
{
    private readonly ServiceKey[] _keys;
    private readonly CompiledService?[] _services;
    private readonly int _mask;
    private readonly int _shift;

    public ServiceIndex(IEnumerable<KeyValuePair<ServiceKey, CompiledService>> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        KeyValuePair<ServiceKey, CompiledService>[] all = [.. services];
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, all.Length * 2));
        _keys = new ServiceKey[size];
        _services = new CompiledService?[size];
        _mask = size - 1;
        _shift = 64 - BitOperations.Log2((uint)size);
        foreach ((ServiceKey key, CompiledService service) in all)
        {
            int slot = SlotOf(key.Protocol, key.Vip, key.Port);
            while (_services[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _services[slot] = service;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledService? Find(IpProtocol protocol, NetAddress vip, ushort port)
    {
        int slot = SlotOf(protocol, vip, port);
        while (true)
        {
            CompiledService? service = _services[slot];
            if (service is null)
            {
                return null;
            }

            ref readonly ServiceKey key = ref _keys[slot];
            if (key.Port == port && key.Protocol == protocol && key.Vip == vip)
            {
                return service;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Fibonacci hashing of the key's words: the top bits of one multiply pick the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(IpProtocol protocol, NetAddress vip, ushort port)
    {
        ulong mixed = vip.High ^ vip.Low ^ ((ulong)port << 40) ^ ((ulong)protocol << 56);
        return (int)((mixed * 0x9E37_79B9_7F4A_7C15UL) >> _shift) & _mask;
    }
}
