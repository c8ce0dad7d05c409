using System.Globalization;
using Longhaul.Linux;

namespace Longhaul.RealServer;

/// <summary>
/// Reads the default routes as `ip route` prints them and turns them back into arguments for `ip route
/// replace`, so a route can get an advmss and later be put back exactly as it was (gateway, device, metric,
/// protocol and any metrics it had).
/// </summary>
internal static class DefaultRoutes
{
    // Printed by `ip route` but not accepted back (state flags the kernel sets itself).
    private static readonly HashSet<string> s_outputOnlyFlags = new(StringComparer.Ordinal)
    {
        "linkdown", "dead", "offload", "trap", "offload_failed", "rt_offload", "rt_trap", "rt_offload_failed", "pervasive", "notify",
    };

    /// <summary>The default routes of the main table, each as `ip route replace` arguments.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Show(IpCommand ip, bool ipv6)
    {
        string output = ip.Run(ipv6 ? "-6" : "-4", "-o", "route", "show", "default");
        var routes = new List<IReadOnlyList<string>>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            List<string> tokens = Tokenize(line);
            if (tokens.Count > 0 && tokens[0] == "default")
            {
                routes.Add(tokens);
            }
        }

        return routes;
    }

    /// <summary>Splits one `ip -o route` line into arguments, dropping what `ip route replace` would refuse.</summary>
    public static List<string> Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] raw = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            string token = raw[i];
            if (token == "\\" || s_outputOnlyFlags.Contains(token))
            {
                continue;
            }

            // "expires 1790sec" (a router-advertised IPv6 route) is printed with a unit the parser does not take.
            if (token == "expires")
            {
                i++;
                continue;
            }

            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>The same route with its advmss metric set to <paramref name="advmss"/>.</summary>
    public static List<string> WithAdvmss(IReadOnlyList<string> route, int advmss)
    {
        ArgumentNullException.ThrowIfNull(route);
        var result = new List<string>(route);
        string value = advmss.ToString(CultureInfo.InvariantCulture);
        int at = result.IndexOf("advmss");
        if (at >= 0 && at + 1 < result.Count)
        {
            result[at + 1] = value;
            return result;
        }

        // Right after the prefix: before any "nexthop" groups of a multipath route, where metrics belong.
        result.InsertRange(1, ["advmss", value]);
        return result;
    }

    /// <summary>The advmss the route already has, if any.</summary>
    public static int? Advmss(IReadOnlyList<string> route)
    {
        ArgumentNullException.ThrowIfNull(route);
        for (int i = 0; i + 1 < route.Count; i++)
        {
            if (route[i] == "advmss" && int.TryParse(route[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }
        }

        return null;
    }

    public static void Replace(IpCommand ip, bool ipv6, IReadOnlyList<string> route)
    {
        var arguments = new List<string>(route.Count + 3) { ipv6 ? "-6" : "-4", "route", "replace" };
        arguments.AddRange(route);
        ip.Run(arguments);
    }
}
