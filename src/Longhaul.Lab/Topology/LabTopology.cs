using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Lab.Topology;

/// <summary>
/// The lab as names and addresses, computed from <see cref="LabOptions"/> alone (no side effects), so a later
/// `lab down` or `lab status` rebuilds exactly the same picture from the saved options.
/// </summary>
/// <remarks>
/// Address plan (documentation and shared-address ranges only):
/// client 198.51.100.2 / 2001:db8:c::2 behind the internet router (.1 / ::1);
/// director N on 192.0.2.(16(N-1)+2)/28 and 2001:db8:d:(N-1)::2/64;
/// ISP router of DC n: uplink 100.64.0.(4n+2)/30 and 2001:db8:ff:n::2/64, LAN 100.64.n.1/24 and 2001:db8:n::1/64;
/// real k of DC n: 100.64.n.(k+1) and 2001:db8:n::(k+1); VIPs 203.0.113.10 and 2001:db8:f::10, port 80.
/// </remarks>
public sealed class LabTopology
{
    public const string Prefix = "lh-";
    public const string ClientNamespace = "lh-client";
    public const string InternetNamespace = "lh-inet";
    public const string ClientAddressV4 = "198.51.100.2";
    public const string ClientAddressV6 = "2001:db8:c::2";
    public const string ClientGatewayV4 = "198.51.100.1";
    public const string ClientGatewayV6 = "2001:db8:c::1";
    public const string ClientPrefixV4 = "198.51.100.0/24";
    public const string ClientPrefixV6 = "2001:db8:c::/64";
    public const string VipV4 = "203.0.113.10";
    public const string VipV6 = "2001:db8:f::10";
    public const string VipPrefixV4 = "203.0.113.0/24";
    public const string VipPrefixV6 = "2001:db8:f::/64";
    public const ushort ServicePort = 80;

    /// <summary>The internet router's private AS; director N is this + N (eBGP to each).</summary>
    public const int InternetAsn = 65000;

    /// <summary>
    /// The kernel routing table a director puts its VIP routes in (its <c>announce: {table: 1000}</c>) while its
    /// data path works and a service of the VIP has quorum; BIRD in the director's namespace imports this table
    /// and announces what is in it.
    /// </summary>
    public const int AnnounceTable = 1000;

    /// <summary>The veth end in every leaf namespace (client, director, real) is called this.</summary>
    public const string LeafLink = "eth0";

    /// <summary>The ISP router's end toward the internet router.</summary>
    public const string IspUplink = "up";

    /// <summary>The ISP router's LAN bridge, the "LAN-facing side" the ISP filter guards.</summary>
    public const string IspLan = "lan";

    /// <summary>The internet router's end toward the client.</summary>
    public const string InternetClientLink = "client";

    public LabTopology(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid lab options: " + string.Join("; ", errors), nameof(options));
        }

        Options = options;
        var directors = new List<LabDirector>();
        for (int n = 1; n <= options.Directors; n++)
        {
            int block = 16 * (n - 1);
            directors.Add(new LabDirector(
                $"dir{n}", n, $"lh-dir{n}", $"dir{n}",
                $"192.0.2.{block + 2}", $"192.0.2.{block + 1}",
                Canonical($"2001:db8:d:{n - 1:x}::2"), Canonical($"2001:db8:d:{n - 1:x}::1")));
        }

        var dataCenters = new List<LabDataCenter>();
        for (int i = 0; i < options.RealsPerDataCenter.Count; i++)
        {
            int n = i + 1;
            string name = options.DataCenterNames[i];
            var reals = new List<LabReal>();
            for (int k = 1; k <= options.RealsPerDataCenter[i]; k++)
            {
                reals.Add(new LabReal($"r{k}", name, n, $"lh-{name}-r{k}", $"r{k}", $"100.64.{n}.{k + 1}", $"2001:db8:{n:x}::{k + 1:x}"));
            }

            dataCenters.Add(new LabDataCenter(
                name, n, $"lh-isp-{name}", $"isp{n}",
                $"100.64.0.{(4 * n) + 2}", $"100.64.0.{(4 * n) + 1}",
                $"2001:db8:ff:{n:x}::2", $"2001:db8:ff:{n:x}::1",
                $"100.64.{n}.0/24", $"2001:db8:{n:x}::/64",
                $"100.64.{n}.1", $"2001:db8:{n:x}::1",
                options.IspFilter.Contains(name, StringComparer.Ordinal),
                reals));
        }

        Directors = directors;
        DataCenters = dataCenters;
        Reals = dataCenters.SelectMany(dc => dc.Reals).ToList();
    }

    public LabOptions Options { get; }

    public IReadOnlyList<LabDirector> Directors { get; }

    public IReadOnlyList<LabDataCenter> DataCenters { get; }

    /// <summary>Every real, data center by data center.</summary>
    public IReadOnlyList<LabReal> Reals { get; }

    /// <summary>Every namespace the lab creates, routers before leaves.</summary>
    public IEnumerable<string> Namespaces
    {
        get
        {
            yield return InternetNamespace;
            yield return ClientNamespace;
            foreach (LabDirector director in Directors)
            {
                yield return director.Namespace;
            }

            foreach (LabDataCenter dc in DataCenters)
            {
                yield return dc.IspNamespace;
                foreach (LabReal real in dc.Reals)
                {
                    yield return real.Namespace;
                }
            }
        }
    }

    public LabDataCenter DataCenter(string name) =>
        DataCenters.FirstOrDefault(dc => dc.Name == name) ?? throw new ArgumentException($"no data center '{name}' in the lab", nameof(name));

    /// <summary>The real whose HTTP service answers with this name and data center, or null.</summary>
    public LabReal? FindReal(string? name, string? dataCenter) =>
        Reals.FirstOrDefault(r => r.Name == name && r.DataCenter == dataCenter);

    public LabReal? FindRealByAddress(NetAddress address)
    {
        foreach (LabReal real in Reals)
        {
            if (NetAddress.Parse(real.AddressV4) == address || NetAddress.Parse(real.AddressV6) == address)
            {
                return real;
            }
        }

        return null;
    }

    /// <summary>
    /// The balancer definition the director's config describes: one TCP service per VIP family, every real in
    /// configuration order. Compiling it gives the same choices the director makes, which is how tests predict
    /// the spread.
    /// </summary>
    /// <param name="reals">A subset of the reals (in lab order), or null for all.</param>
    public BalancerDefinition ToBalancerDefinition(IReadOnlyCollection<LabReal>? reals = null)
    {
        List<LabReal> configured = reals is null ? [.. Reals] : Reals.Where(reals.Contains).ToList();
        LabDirector first = Directors[0];
        SchedulerKind scheduler = SchedulerNames.TryParse(Options.Scheduler, out SchedulerKind kind)
            ? kind
            : throw new InvalidOperationException($"unknown scheduler '{Options.Scheduler}'");
        var services = new List<ServiceDefinition>
        {
            new(IpProtocol.Tcp, NetAddress.Parse(VipV4), ServicePort, configured.Select(r => RealDefinition(r.AddressV4, r.DataCenter)).ToList(), scheduler),
        };
        if (Options.Ipv6)
        {
            services.Add(new(IpProtocol.Tcp, NetAddress.Parse(VipV6), ServicePort, configured.Select(r => RealDefinition(r.AddressV6, r.DataCenter)).ToList(), scheduler));
        }

        var tunnel = new TunnelSettings(
            NetAddress.Parse(first.AddressV4),
            Options.Ipv6 ? NetAddress.Parse(first.AddressV6) : NetAddress.None,
            Options.Encapsulation,
            GuePort: Options.GuePort,
            Mtu: Options.TunnelMtu);
        return new BalancerDefinition(tunnel, services, Options.HashSeed);
    }

    /// <summary>The address as it prints ("2001:db8:d::2", not "2001:db8:d:0::2"), so it matches what tools show.</summary>
    private static string Canonical(string address) => NetAddress.Parse(address).ToString();

    // No port: the YAML gives none, so the director's reader leaves it 0 ("same as the VIP"), and Maglev's
    // permutation hashes address and port, so the prediction must match that exactly.
    private static RealDefinition RealDefinition(string address, string dataCenter) =>
        new(NetAddress.Parse(address), Weight: 1, DataCenter: dataCenter);
}
