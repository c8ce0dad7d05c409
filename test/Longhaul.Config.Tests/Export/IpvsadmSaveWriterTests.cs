using CsCheck;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config.Export;
using Longhaul.Config.Import;
using Longhaul.Packets;

namespace Longhaul.Config.Tests.Export;

public sealed class IpvsadmSaveWriterTests
{
    private static readonly TunnelSettings s_tunnel = new(NetAddress.Parse("192.0.2.2"), NetAddress.Parse("2001:db8:d::2"), GuePort: 6080);

    private static string Save(params ServiceDefinition[] services)
    {
        var writer = new StringWriter();
        IpvsadmSaveWriter.Write(new BalancerDefinition(s_tunnel, services), writer);
        return writer.ToString();
    }

    private static RealDefinition Real(string address, int weight = 1, RealState state = RealState.Active, TunnelKind? tunnel = null) =>
        new(NetAddress.Parse(address), Weight: weight, State: state, Tunnel: tunnel);

    [Fact]
    public void Write_ReferenceExample_IsByteIdenticalToIpvsadm131()
    {
        string saved = Save(
            new ServiceDefinition(IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), 443, [Real("192.0.2.21")], SchedulerKind.SourceHashing,
                new PersistenceSettings(TimeSpan.FromSeconds(360), PrefixLengthV4: 24), HashSourcePort: true),
            new ServiceDefinition(IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), 80, [Real("198.51.100.11", 100), Real("192.0.2.21", 50)], SchedulerKind.WeightedLeastConnection));

        // lvs-conventions.md §1.2, produced by replaying ipvsadm 1.31's format strings.
        Assert.Equal(
            """
            -A -t 203.0.113.10:80 -s wlc
            -a -t 203.0.113.10:80 -r 192.0.2.21:80 -i -w 50 --tun-type ipip
            -a -t 203.0.113.10:80 -r 198.51.100.11:80 -i -w 100 --tun-type ipip
            -A -t 203.0.113.10:443 -s sh -p 360 -M 255.255.255.0 -b sh-port
            -a -t 203.0.113.10:443 -r 192.0.2.21:443 -i -w 1 --tun-type ipip

            """.ReplaceLineEndings("\n"),
            saved);
    }

    [Fact]
    public void Write_AddressesFarApart_SortLikeLibipvsIntSubtraction()
    {
        // ntohl(a) - ntohl(b) as int: 10.0.0.1 - 203.0.113.10 wraps positive, so 203.0.113.10 is printed first.
        string saved = Save(
            new ServiceDefinition(IpProtocol.Tcp, NetAddress.Parse("10.0.0.1"), 80, [Real("192.0.2.1")]),
            new ServiceDefinition(IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), 80, [Real("192.0.2.1")]),
            new ServiceDefinition(IpProtocol.Udp, NetAddress.Parse("10.0.0.1"), 53, [Real("192.0.2.1")]));

        Assert.Equal(
            ["-A -t 203.0.113.10:80 -s mh", "-A -t 10.0.0.1:80 -s mh", "-A -u 10.0.0.1:53 -s mh"],
            saved.Split('\n').Where(l => l.StartsWith("-A", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_DrainingAndDownReals_WeightZeroAndACommentForDown()
    {
        string saved = Save(new ServiceDefinition(IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), 80,
            [Real("192.0.2.21", 5, RealState.Draining), Real("192.0.2.22", 7, RealState.Down)], SchedulerKind.RoundRobin));

        Assert.Equal(
            """
            -A -t 203.0.113.10:80 -s rr
            -a -t 203.0.113.10:80 -r 192.0.2.21:80 -i -w 0 --tun-type ipip
            # 192.0.2.22:80 is down (health check); weight 7 when it is back
            -a -t 203.0.113.10:80 -r 192.0.2.22:80 -i -w 0 --tun-type ipip

            """.ReplaceLineEndings("\n"),
            saved);
    }

    [Fact]
    public void Write_GueRealsAndIPv6_PortAndChecksumFlagsAsLonghaulSends()
    {
        string saved = Save(new ServiceDefinition(IpProtocol.Udp, NetAddress.Parse("2001:db8:f::53"), 53,
            [Real("2001:db8:1::2", tunnel: TunnelKind.Gue), Real("192.0.2.21", tunnel: TunnelKind.Gue)], SchedulerKind.Maglev,
            new PersistenceSettings(TimeSpan.FromSeconds(60), PrefixLengthV6: 64), HashSourcePort: true, Fallback: true));

        Assert.Equal(
            """
            -A -u [2001:db8:f::53]:53 -s mh -p 60 -M 64 -b mh-fallback,mh-port
            -a -u [2001:db8:f::53]:53 -r 192.0.2.21:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum
            -a -u [2001:db8:f::53]:53 -r [2001:db8:1::2]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum

            """.ReplaceLineEndings("\n"),
            saved);
    }

    [Fact]
    public void Write_ThenImport_GivesBackServicesRealsWeightsAndSchedulers()
    {
        var schedulers = Enum.GetValues<SchedulerKind>();
        Gen<RealDefinition> real = Gen.Select(Gen.UInt[1, 0x7FFF_FFFF], Gen.Int[0, 65535], Gen.Bool, (address, weight, gue) =>
            new RealDefinition(NetAddress.FromV4((address * 2654435761u) | 1), Weight: weight, Tunnel: gue ? TunnelKind.Gue : null));
        Gen<ServiceDefinition> service = Gen.Select(
            Gen.UInt, Gen.Int[1, 65535], Gen.Int[0, schedulers.Length - 1], Gen.Int[0, 3600], real.List[0, 6], Gen.Bool, Gen.Bool,
            (vip, port, scheduler, persistence, reals, udp, flag) =>
            {
                SchedulerKind kind = schedulers[scheduler];
                bool hashing = kind is SchedulerKind.SourceHashing or SchedulerKind.Maglev;
                return new ServiceDefinition(
                    udp ? IpProtocol.Udp : IpProtocol.Tcp,
                    NetAddress.FromV4(vip),
                    (ushort)port,
                    [.. reals.DistinctBy(r => r.Address)],
                    kind,
                    persistence == 0 ? null : new PersistenceSettings(TimeSpan.FromSeconds(persistence), PrefixLengthV4: 16 + (persistence % 17)),
                    HashSourcePort: hashing && flag,
                    Fallback: hashing && !flag);
            });

        service.List[1, 5].Sample(
            services =>
            {
                services = [.. services.DistinctBy(s => s.Key)];
                var writer = new StringWriter();
                IpvsadmSaveWriter.Write(new BalancerDefinition(s_tunnel, services), writer);
                var notes = new ImportNotes();
                ImportedDefinition imported = IpvsadmImporter.Read(new StringReader(writer.ToString()), "saved", notes);
                notes.ThrowIfErrors();

                Assert.Empty(notes.Unmapped);
                Assert.Empty(notes.Warnings);
                Assert.Equal(services.Count, imported.Services.Count);
                foreach (ServiceDefinition expected in services)
                {
                    ImportedService actual = imported.Services.Single(s => s.Protocol == expected.Protocol && s.Vip == expected.Vip && s.Port == expected.Port);
                    Assert.Equal(SchedulerNames.ToName(expected.Scheduler), actual.Scheduler);
                    Assert.Equal((int)(expected.Persistence?.Timeout.TotalSeconds ?? 0), actual.PersistenceTimeout);
                    Assert.Equal(expected.Persistence is { PrefixLengthV4: < 32 } p ? p.PrefixLengthV4 : null, actual.PersistencePrefix);
                    Assert.Equal((expected.HashSourcePort, expected.Fallback), (actual.HashSourcePort, actual.Fallback));
                    var byAddress = actual.Reals.ToDictionary(r => r.Address);
                    Assert.Equal(expected.Reals.Count, byAddress.Count);
                    foreach (RealDefinition r in expected.Reals)
                    {
                        Assert.Equal(r.Weight, byAddress[r.Address].Weight);
                        Assert.Equal(r.Tunnel == TunnelKind.Gue ? "gue" : "ipip", byAddress[r.Address].Tunnel.Kind);
                    }
                }
            },
            seed: "0N0XIzNsQ0O2",
            iter: 300);
    }
}
