using System.Globalization;
using Longhaul.Linux;

namespace Longhaul.Lab.Topology;

/// <summary>A network device's packet and byte counters, from /proc/net/dev as seen inside its namespace.</summary>
public sealed record LinkCounters(long ReceivedBytes, long ReceivedPackets, long SentBytes, long SentPackets)
{
    public static LinkCounters Read(string networkNamespace, string device)
    {
        // /proc/thread-self/net follows the calling thread's namespace, which is the one Run entered.
        string[] lines = NetworkNamespace.Run(networkNamespace, static () => File.ReadAllLines("/proc/thread-self/net/dev"));
        foreach (string line in lines)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() != device)
            {
                continue;
            }

            long[] fields = line[(colon + 1)..]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
                .ToArray();
            return new LinkCounters(fields[0], fields[1], fields[8], fields[9]);
        }

        throw new LabException($"no device {device} in namespace {networkNamespace}");
    }

    public LinkCounters Minus(LinkCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(ReceivedBytes - earlier.ReceivedBytes, ReceivedPackets - earlier.ReceivedPackets, SentBytes - earlier.SentBytes, SentPackets - earlier.SentPackets);
    }
}
