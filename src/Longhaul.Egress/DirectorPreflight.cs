using Longhaul.Linux;

namespace Longhaul.Egress;

/// <summary>
/// Things on the director itself that would make a healthy provider look like a blocking one: the VIP reply
/// arrives on the uplink with source = VIP, whose route points into the director's TUN device, so strict
/// reverse-path filtering on the director drops it before the check sees it.
/// </summary>
public static class DirectorPreflight
{
    public static IReadOnlyList<string> Warnings(string procConf = "/proc/sys/net/ipv4/conf")
    {
        var warnings = new List<string>();
        if (!Directory.Exists(procConf))
        {
            return warnings;
        }

        int all = ReadInt(Path.Combine(procConf, "all", "rp_filter"));
        var strict = new List<string>();
        foreach (string directory in Directory.EnumerateDirectories(procConf).Order(StringComparer.Ordinal))
        {
            string device = Path.GetFileName(directory);
            if (device is "all" or "default" or "lo")
            {
                continue;
            }

            // The kernel uses the larger of conf/all and conf/<dev>.
            if (Math.Max(all, ReadInt(Path.Combine(directory, "rp_filter"))) == 1)
            {
                strict.Add(device);
            }
        }

        if (strict.Count > 0)
        {
            warnings.Add(
                $"strict reverse-path filtering (rp_filter=1) on {string.Join(", ", strict)}: when the VIP is routed into the director's TUN device, " +
                "this host drops the VIP replies itself and a \"blocked\" verdict may be the director's doing. Use loose mode: " +
                "sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.<uplink>.rp_filter=2");
        }

        if (!Privileges.IsRoot)
        {
            warnings.Add("not root: raw sockets will be refused");
        }

        return warnings;
    }

    private static int ReadInt(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), out int value) ? value : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
