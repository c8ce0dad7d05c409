using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Hands out the small integer ids that index per-worker counters and flow entries. A service or real that
/// existed in the previous snapshot keeps its id; a new one takes the lowest id nobody uses.
/// </summary>
internal sealed class IdAssignment
{
    private readonly Dictionary<ServiceKey, int> _previousServices = [];
    private readonly Dictionary<(ServiceKey, NetAddress, ushort), int> _previousReals = [];
    private readonly HashSet<int> _usedServiceIds = [];
    private readonly HashSet<int> _usedRealIds = [];
    private readonly Dictionary<ServiceKey, int> _services = [];
    private int _nextServiceId;
    private int _nextRealId;

    public static IdAssignment From(ForwardingSnapshot? previous)
    {
        var ids = new IdAssignment();
        if (previous is null)
        {
            return ids;
        }

        foreach (CompiledService service in previous.Services)
        {
            ids._previousServices[service.Key] = service.ServiceId;
            foreach (CompiledReal real in service.SchedulerOrder)
            {
                ids._previousReals[(service.Key, real.Address, real.Definition.Port)] = real.RealId;
            }
        }

        return ids;
    }

    public int ServiceId(ServiceKey key)
    {
        if (_services.TryGetValue(key, out int id))
        {
            return id;
        }

        if (!_previousServices.TryGetValue(key, out id) || _usedServiceIds.Contains(id))
        {
            id = NextFree(_usedServiceIds, _previousServices.Values, ref _nextServiceId);
        }

        _usedServiceIds.Add(id);
        _services[key] = id;
        return id;
    }

    public int RealId(ServiceKey service, RealDefinition real)
    {
        if (!_previousReals.TryGetValue((service, real.Address, real.Port), out int id) || _usedRealIds.Contains(id))
        {
            id = NextFree(_usedRealIds, _previousReals.Values, ref _nextRealId);
        }

        _usedRealIds.Add(id);
        return id;
    }

    /// <summary>The lowest id not in use now and not reserved by an entry of the previous snapshot that may still claim it.</summary>
    private static int NextFree(HashSet<int> used, IEnumerable<int> reserved, ref int cursor)
    {
        var reservedSet = reserved as ICollection<int> ?? [.. reserved];
        while (used.Contains(cursor) || reservedSet.Contains(cursor))
        {
            cursor++;
        }

        return cursor++;
    }
}
