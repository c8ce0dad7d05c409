using Longhaul.Balancing.Model;
using Longhaul.Packets;

namespace Longhaul.Config.Export;

/// <summary>
/// The order <c>ipvsadm -S</c> prints in (libipvs ipvs_cmp_services / ipvs_cmp_dests): services by address family,
/// protocol, address, port; reals by address, port. Addresses are compared the way libipvs does it, as the
/// difference of two host-order 32-bit words cast to int, so two IPv4 addresses more than 2^31 apart sort
/// "backwards" (10.0.0.1 after 203.0.113.10); copying that quirk keeps the output byte-identical.
/// </summary>
internal static class IpvsadmOrder
{
    /// <summary>
    /// glibc's qsort is a top-down merge sort (msort) that takes from the left run on ties. With the quirky,
    /// non-transitive comparison above the result depends on the algorithm, so this is that algorithm; it is
    /// also stable, where List.Sort is neither stable nor safe with such a comparison.
    /// </summary>
    public static List<T> Sort<T>(IReadOnlyList<T> items, Comparison<T> compare)
    {
        var sorted = new List<T>(items);
        if (sorted.Count > 1)
        {
            var scratch = new T[sorted.Count];
            MergeSort(sorted, 0, sorted.Count, scratch, compare);
        }

        return sorted;
    }

    private static void MergeSort<T>(List<T> items, int start, int count, T[] scratch, Comparison<T> compare)
    {
        if (count <= 1)
        {
            return;
        }

        int leftCount = count / 2;
        int rightCount = count - leftCount;
        MergeSort(items, start, leftCount, scratch, compare);
        MergeSort(items, start + leftCount, rightCount, scratch, compare);
        int left = start;
        int right = start + leftCount;
        int leftEnd = right;
        int rightEnd = start + count;
        int output = 0;
        while (left < leftEnd && right < rightEnd)
        {
            scratch[output++] = compare(items[left], items[right]) <= 0 ? items[left++] : items[right++];
        }

        while (left < leftEnd)
        {
            scratch[output++] = items[left++];
        }

        // What is left of the right run is already in place.
        for (int i = 0; i < output; i++)
        {
            items[start + i] = scratch[i];
        }
    }

    public static int CompareServices(ServiceDefinition left, ServiceDefinition right)
    {
        int family = Family(left.Vip) - Family(right.Vip);
        if (family != 0)
        {
            return family;
        }

        int protocol = (int)left.Protocol - (int)right.Protocol;
        if (protocol != 0)
        {
            return protocol;
        }

        int address = CompareAddresses(left.Vip, right.Vip);
        return address != 0 ? address : left.Port - right.Port;
    }

    public static int CompareReals(NetAddress left, ushort leftPort, NetAddress right, ushort rightPort)
    {
        int address = CompareAddresses(left, right);
        return address != 0 ? address : leftPort - rightPort;
    }

    private static int CompareAddresses(NetAddress left, NetAddress right)
    {
        if (left.IsIPv4 && right.IsIPv4)
        {
            return unchecked((int)(left.V4 - right.V4));
        }

        // IPv6 (or a family mix, which libipvs would not compare): word by word, each with the same cast.
        ReadOnlySpan<uint> a = [(uint)(left.High >> 32), (uint)left.High, (uint)(left.Low >> 32), (uint)left.Low];
        ReadOnlySpan<uint> b = [(uint)(right.High >> 32), (uint)right.High, (uint)(right.Low >> 32), (uint)right.Low];
        for (int i = 0; i < 4; i++)
        {
            int difference = unchecked((int)(a[i] - b[i]));
            if (difference != 0)
            {
                return difference;
            }
        }

        return 0;
    }

    /// <summary>AF_INET (2) before AF_INET6 (10).</summary>
    private static int Family(NetAddress address) => address.IsIPv4 ? 2 : 10;
}
