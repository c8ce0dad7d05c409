using Longhaul.Config.Import;
using Longhaul.Packets;

namespace Longhaul.Config.Tests.Import;

public sealed class IpvsadmImporterTests
{
    private static (ImportedDefinition Definition, ImportNotes Notes) Read(string rules)
    {
        var notes = new ImportNotes();
        ImportedDefinition definition = IpvsadmImporter.Read(new StringReader(rules), "rules", notes);
        notes.ThrowIfErrors();
        return (definition, notes);
    }

    [Fact]
    public void Read_SaveFormat131_MapsServicesRealsAndTunnels()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("""
            -A -t 203.0.113.10:443 -s sh -p 360 -M 255.255.255.0 -b sh-port
            -a -t 203.0.113.10:443 -r 192.0.2.21:443 -i -w 7 --tun-type ipip
            -a -t 203.0.113.10:443 -r 198.51.100.11:443 -i -w 1 --tun-type gue --tun-port 6081 --tun-nocsum
            """);

        ImportedService service = Assert.Single(definition.Services);
        Assert.Equal((IpProtocol.Tcp, NetAddress.Parse("203.0.113.10"), (ushort)443), (service.Protocol, service.Vip, service.Port));
        Assert.Equal("sh", service.Scheduler);
        Assert.Equal(360, service.PersistenceTimeout);
        Assert.Equal(24, service.PersistencePrefix);
        Assert.True(service.HashSourcePort);
        Assert.False(service.Fallback);
        Assert.Equal(["192.0.2.21", "198.51.100.11"], service.Reals.Select(r => r.Address.ToString()));
        Assert.Equal([7, 1], service.Reals.Select(r => r.Weight));
        Assert.Equal(ImportedTunnel.Ipip, service.Reals[0].Tunnel);
        Assert.Equal(new ImportedTunnel("gue", 6081, "nocsum"), service.Reals[1].Tunnel);
        Assert.Empty(notes.Unmapped);
        Assert.Empty(notes.Warnings);
    }

    [Theory]
    [InlineData("-A -t 203.0.113.10:80 -s rr -p", 360)]
    [InlineData("-A -t 203.0.113.10:80 -p -s rr", 360)]
    [InlineData("-A -t 203.0.113.10:80 -s rr -p 60", 60)]
    [InlineData("-A -t 203.0.113.10:80 -s rr --persistent=900", 900)]
    [InlineData("-A -t 203.0.113.10:80 -s rr", 0)]
    public void Read_Persistence_DefaultsTo360LikeTheIpvsadmCode(string line, int expected)
    {
        Assert.Equal(expected, Assert.Single(Read(line).Definition.Services).PersistenceTimeout);
    }

    [Fact]
    public void Read_NoScheduler_IsIpvsadmDefaultWlc()
    {
        Assert.Equal("wlc", Assert.Single(Read("-A -t 203.0.113.10:80").Definition.Services).Scheduler);
    }

    [Fact]
    public void Read_OldTunnelSyntaxWithPrefixesAndComments_IsIpip()
    {
        (ImportedDefinition definition, _) = Read("""
            # saved by ipvsadm 1.29
            ipvsadm -A -t 10.64.96.10:80 -s sh -p 60   # web
            /sbin/ipvsadm -a -t 10.64.96.10:80 -r 10.65.74.72:80 -i -w 1

            --add-server --tcp-service 10.64.96.10:80 --real-server=10.65.74.73 --ipip --weight 3
            """);

        ImportedService service = Assert.Single(definition.Services);
        Assert.Equal(60, service.PersistenceTimeout);
        Assert.All(service.Reals, r => Assert.Equal(ImportedTunnel.Ipip, r.Tunnel));
        Assert.Equal([1, 3], service.Reals.Select(r => r.Weight));
    }

    [Fact]
    public void Read_DirectRouting_ImportedAsTunnelWithWarning()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("""
            -A -t 203.0.113.10:80 -s wlc
            -a -t 203.0.113.10:80 -r 192.0.2.21:80 -g -w 2
            -a -t 203.0.113.10:80 -r 192.0.2.22:80 -w 2
            """);

        Assert.Equal(2, definition.Services[0].Reals.Count);
        Assert.All(definition.Services[0].Reals, r => Assert.Equal(ImportedTunnel.Unspecified, r.Tunnel));
        Assert.Equal(2, notes.Warnings.Count);
        Assert.StartsWith("rules:2: real 192.0.2.21 of TCP 203.0.113.10:80: direct routing (-g) imported as a tunnel", notes.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("ipvsadm's default -g", notes.Warnings[1], StringComparison.Ordinal);
        Assert.Empty(notes.Unmapped);
    }

    [Fact]
    public void Read_NatThresholdsAndFwmark_ListedAsUnmapped()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("""
            -A -t 203.0.113.10:80 -s wlc
            -a -t 203.0.113.10:80 -r 192.0.2.21:8080 -m -w 1
            -a -t 203.0.113.10:80 -r 192.0.2.22:80 -i -w 1 -x 100
            -A -f 7 -s rr
            -a -f 7 -r 192.0.2.23 -i
            """);

        Assert.Equal(["192.0.2.22"], definition.Services.Single().Reals.Select(r => r.Address.ToString()));
        Assert.Collection(
            notes.Unmapped,
            m => Assert.StartsWith("rules:2: real 192.0.2.21 of TCP 203.0.113.10:80: NAT (-m) is not supported", m, StringComparison.Ordinal),
            m => Assert.StartsWith("rules:3: real 192.0.2.22 of TCP 203.0.113.10:80: connection thresholds (-x 100 -y 0) are not supported yet", m, StringComparison.Ordinal),
            m => Assert.StartsWith("rules:4: FWM 7: firewall-mark services are not supported", m, StringComparison.Ordinal),
            m => Assert.Equal("rules:5: real 192.0.2.23 of FWM 7: its service is not imported", m));
    }

    [Fact]
    public void Read_HostNames_ListedWithAdviceToRerunNumeric()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("-A -t www.example.com:http -s wlc");

        Assert.Empty(definition.Services);
        Assert.Equal("rules:1: TCP www.example.com:http: a host or service name, not an address: re-run ipvsadm -S -n (numeric) and import that", Assert.Single(notes.Unmapped));
    }

    [Fact]
    public void Read_IPv6_BracketedAddressesAndPrefixNetmask()
    {
        (ImportedDefinition definition, _) = Read("""
            -A -u [2001:db8:f::53]:53 -s mh -p 120 -M 48
            -a -u [2001:db8:f::53]:53 -r [2001:db8:1::2]:53 -i -w 4 --tun-type ipip
            """);

        ImportedService service = Assert.Single(definition.Services);
        Assert.Equal((IpProtocol.Udp, NetAddress.Parse("2001:db8:f::53"), (ushort)53), (service.Protocol, service.Vip, service.Port));
        Assert.Equal(48, service.PersistencePrefix);
        Assert.Equal(NetAddress.Parse("2001:db8:1::2"), Assert.Single(service.Reals).Address);
    }

    [Fact]
    public void Read_RealPortDiffersFromService_WarnsAndKeepsServicePort()
    {
        (_, ImportNotes notes) = Read("""
            -A -t 203.0.113.10:80
            -a -t 203.0.113.10:80 -r 192.0.2.21:8080 -i
            """);

        Assert.Equal("rules:2: real 192.0.2.21 of TCP 203.0.113.10:80: port 8080 differs from the service port; a tunnel does not rewrite ports, so the real receives port 80", Assert.Single(notes.Warnings));
    }

    [Fact]
    public void Read_EditDeleteAndClear_AppliedInOrderKeepingRealOrder()
    {
        (ImportedDefinition definition, _) = Read("""
            -A -t 203.0.113.9:80 -s rr
            -C
            -A -t 203.0.113.10:80 -s rr -p 60
            -a -t 203.0.113.10:80 -r 192.0.2.21 -i -w 1
            -a -t 203.0.113.10:80 -r 192.0.2.22 -i -w 1
            -a -t 203.0.113.10:80 -r 192.0.2.23 -i -w 1
            -A -t 203.0.113.11:80 -s rr
            -E -t 203.0.113.10:80 -s wrr
            -e -t 203.0.113.10:80 -r 192.0.2.21 -i -w 9
            -d -t 203.0.113.10:80 -r 192.0.2.22
            -D -t 203.0.113.11:80
            """);

        ImportedService service = Assert.Single(definition.Services);
        Assert.Equal("203.0.113.10", service.Vip.ToString());
        Assert.Equal("wrr", service.Scheduler);
        Assert.Equal(0, service.PersistenceTimeout);
        Assert.Equal(["192.0.2.21", "192.0.2.23"], service.Reals.Select(r => r.Address.ToString()));
        Assert.Equal([9, 1], service.Reals.Select(r => r.Weight));
    }

    [Fact]
    public void Read_SetTimeouts_KeepsEarlierValuesWhereZero()
    {
        (ImportedDefinition definition, _) = Read("""
            --set 900 120 300
            --set 0 60 0
            """);

        Assert.Equal((900, 60, 300), definition.Timeouts);
    }

    [Fact]
    public void Read_SchedulerLongholdLacks_ListedAndImportedAsWlc()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("-A -t 203.0.113.10:80 -s lblcr");

        Assert.Equal("wlc", definition.Services[0].Scheduler);
        Assert.Contains("scheduler 'lblcr' is not available in Longhaul; imported as wlc", Assert.Single(notes.Unmapped), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FlagsOnSchedulerThatIgnoresThem_WarnsAndDropsThem()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("-A -t 203.0.113.10:80 -s wlc -b sh-port");

        Assert.False(definition.Services[0].HashSourcePort);
        Assert.Contains("-b sh-port is ignored by scheduler wlc", Assert.Single(notes.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BrokenFile_ReportsEveryErrorWithItsLine()
    {
        using var reader = new StreamReader(Golden.Sample("ipvsadm-broken.rules"));

        var e = Assert.Throws<ConfigException>(() => IpvsadmImporter.Import(reader, "broken.rules"));

        Assert.Equal(
            [
                "broken.rules:2: -A: TCP 203.0.113.10:80 is already added at line 1 (ipvsadm -R stops here: 'Service already exists')",
                "broken.rules:3: -a: TCP 203.0.113.99:80 was never added; add it with -A first (ipvsadm: 'Service not defined')",
                "broken.rules:4: -w: '70000' is not a weight (0..65535)",
                "broken.rules:5: --tun-type: gue needs --tun-port",
                "broken.rules:6: --weight: not valid with -A",
                "broken.rules:7: --frobnicate: unknown ipvsadm option",
            ],
            e.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Import_WithTunnelSource_WritesItAndHasNoToDo()
    {
        ImportResult result = IpvsadmImporter.Import(
            new StringReader("-A -t 203.0.113.10:80\n-a -t 203.0.113.10:80 -r 192.0.2.21 -i\n"),
            "rules",
            ImportOptions.FromTunnelSources([NetAddress.Parse("192.0.2.2")]));

        Assert.Contains("\n  tunnel-source: 192.0.2.2\n", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(ImportYamlWriter.Placeholder, result.Yaml, StringComparison.Ordinal);
        Assert.Empty(result.ToDo);
        Assert.True(result.FullyMapped);
    }

    [Fact]
    public void Import_WithoutTunnelSource_PlaceholderFailsValidationAtItsLine()
    {
        ImportResult result = IpvsadmImporter.Import(new StringReader("-A -t 203.0.113.10:80\n-a -t 203.0.113.10:80 -r 192.0.2.21 -i\n"), "rules");

        Assert.Single(result.ToDo);
        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(result.Yaml, "imported.yaml"));
        Assert.Contains(e.Errors, error => error.Key == "director.tunnel-source" && error.Message.Contains(ImportYamlWriter.Placeholder, StringComparison.Ordinal));
    }
}
