using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// The allowed directors: a handful of prefixes checked in order. A linear scan over a small array beats any
/// trie for the few entries an operator lists, and it allocates nothing per packet.
/// </summary>
public sealed class AddressPrefixList
{
    private readonly AddressPrefix[] _prefixes;

    public AddressPrefixList(IEnumerable<AddressPrefix> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        _prefixes = [.. prefixes];
    }

    public static AddressPrefixList Parse(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return new AddressPrefixList(texts.Select(AddressPrefix.Parse));
    }

    public IReadOnlyList<AddressPrefix> Prefixes => _prefixes;

    public int Count => _prefixes.Length;

    public bool HasIPv6 => Array.Exists(_prefixes, p => !p.IsIPv4);

    public bool Contains(NetAddress address)
    {
        foreach (AddressPrefix prefix in _prefixes)
        {
            if (prefix.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
