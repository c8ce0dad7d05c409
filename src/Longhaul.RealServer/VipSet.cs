using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>The VIPs this real server serves: the only inner destinations the agent writes to its TUN device.</summary>
public sealed class VipSet
{
    private readonly NetAddress[] _vips;

    public VipSet(IEnumerable<NetAddress> vips)
    {
        ArgumentNullException.ThrowIfNull(vips);
        _vips = [.. vips.Distinct()];
        if (Array.Exists(_vips, v => v.IsNone))
        {
            throw new ArgumentException("The unspecified address is not a VIP.", nameof(vips));
        }
    }

    public IReadOnlyList<NetAddress> Addresses => _vips;

    public int Count => _vips.Length;

    public bool Contains(NetAddress address)
    {
        foreach (NetAddress vip in _vips)
        {
            if (vip == address)
            {
                return true;
            }
        }

        return false;
    }
}
