using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Director.Tests.Control;

/// <summary>Golden outputs: ipvsadm 1.31's layouts, replayed from its format strings (lvs-conventions §1.3).</summary>
public sealed class ListFormatterTests
{
    private static ListResult Sample() => new()
    {
        Name = "dir1",
        ConfigVersion = 3,
        FlowTableSize = 4096,
        Services =
        [
            new ServiceEntry
            {
                Protocol = "TCP", Vip = "203.0.113.10", Port = 80, Scheduler = "wlc", Flags = [], MaglevFingerprint = "0000000000000000",
                Conns = 3703701, InPkts = 29629629, InBytes = 2437037037, Cps = 37, InPps = 1020, InBps = 137034,
                Reals =
                [
                    new RealEntry
                    {
                        Address = "192.0.2.21", Port = 80, Encapsulation = "ipip", Weight = 50, State = "active", Health = "up", DataCenter = "us-east",
                        ActiveConn = 7, InActConn = 31, Conns = 1234567, InPkts = 9876543, InBytes = 812345678, Cps = 12, InPps = 340, InBps = 45678,
                    },
                    new RealEntry
                    {
                        Address = "198.51.100.11", Port = 80, Encapsulation = "ipip", Weight = 100, State = "draining", Health = "up", DataCenter = "eu-west",
                        ActiveConn = 15, InActConn = 64, Conns = 2469134, InPkts = 19753086, InBytes = 1624691358,
                    },
                ],
            },
            new ServiceEntry
            {
                Protocol = "TCP", Vip = "203.0.113.10", Port = 443, Scheduler = "sh", Flags = ["sh-port"], Persistence = 360, Netmask = "255.255.255.0",
                MaglevFingerprint = "0000000000000000",
                Reals = [new RealEntry { Address = "192.0.2.21", Port = 443, Encapsulation = "ipip", Weight = 1, State = "active", Health = "up", DataCenter = "" }],
            },
            new ServiceEntry
            {
                Protocol = "UDP", Vip = "2001:db8::10", Port = 53, Scheduler = "mh", Flags = [], MaglevFingerprint = "0000000000000000",
                Reals = [new RealEntry { Address = "2001:db8:1::2", Port = 53, Encapsulation = "gue", Weight = 1, State = "active", Health = "up", DataCenter = "eu" }],
            },
        ],
    };

    [Fact]
    public void Format_Default_IsTheIpvsadmListLayoutWithHealthAndDc()
    {
        string expected = string.Join('\n',
            "Longhaul director dir1 (config version 3, flow table size=4096)",
            "Prot LocalAddress:Port Scheduler Flags",
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn Health DC",
            "TCP  203.0.113.10:80 wlc",
            "  -> 192.0.2.21:80                Tunnel  50     7          31         up     us-east",
            "  -> 198.51.100.11:80             Tunnel  100    15         64         drain  eu-west",
            "TCP  203.0.113.10:443 sh (sh-port) persistent 360 mask 255.255.255.0",
            "  -> 192.0.2.21:443               Tunnel  1      0          0          up",
            "UDP  [2001:db8::10]:53 mh",
            "  -> [2001:db8:1::2]:53           Tunnel  1      0          0          up     eu",
            "");

        Assert.Equal(expected, ListFormatter.Format(Sample(), stats: false, rate: false));
    }

    [Fact]
    public void Format_DirectorThatAnnounces_ListsEachVipAfterTheTableOnlyInTheDefaultLayout()
    {
        ListResult list = Sample() with
        {
            AnnounceTable = 1000,
            Announcements =
            [
                new AnnounceEntry { Prefix = "203.0.113.10/32", Announced = true, Reason = "data path works, at quorum: tcp/203.0.113.10:80" },
                new AnnounceEntry { Prefix = "2001:db8::10/128", Announced = false, Reason = "every service on the VIP is below quorum (udp/[2001:db8::10]:53)" },
            ],
        };

        string[] lines = ListFormatter.Format(list, stats: false, rate: false).Split('\n');
        string[] stats = ListFormatter.Format(list, stats: true, rate: false).Split('\n');

        Assert.Equal(
            [
                "BGP announcements (kernel table 1000):",
                "  203.0.113.10/32              announced data path works, at quorum: tcp/203.0.113.10:80",
                "  2001:db8::10/128             withdrawn every service on the VIP is below quorum (udp/[2001:db8::10]:53)",
                "",
            ],
            lines[^4..]);
        Assert.DoesNotContain(stats, l => l.StartsWith("BGP", StringComparison.Ordinal));
        Assert.Contains("(no decision yet)", ListFormatter.Format(list with { Announcements = [] }, stats: false, rate: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Stats_UsesPrintLargenum()
    {
        string[] lines = ListFormatter.Format(Sample(), stats: true, rate: false).Split('\n');

        Assert.Equal("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes", lines[1]);
        Assert.Equal("  -> RemoteAddress:Port", lines[2]);
        Assert.Equal("TCP  203.0.113.10:80               3703701 29629629        0    2437M        0", lines[3]);
        Assert.Equal("  -> 192.0.2.21:80                 1234567  9876543        0  812345K        0", lines[4]);
        Assert.Equal("  -> 198.51.100.11:80              2469134 19753086        0    1624M        0", lines[5]);
        Assert.Equal("TCP  203.0.113.10:443                    0        0        0        0        0", lines[6]);
    }

    [Fact]
    public void Format_Rate_MatchesIpvsadmRateColumns()
    {
        string[] lines = ListFormatter.Format(Sample(), stats: false, rate: true).Split('\n');

        Assert.Equal("Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS", lines[1]);
        Assert.Equal("TCP  203.0.113.10:80                    37     1020        0   137034        0", lines[3]);
        Assert.Equal("  -> 192.0.2.21:80                      12      340        0    45678        0", lines[4]);
    }

    [Theory]
    [InlineData(0, "        0")]
    [InlineData(99_999_999, " 99999999")]
    [InlineData(100_000_000, "  100000K")]
    [InlineData(2_437_037_037, "     2437M")]
    [InlineData(123_456_789_012_345, "      123T")]
    public void LargeNumber_FollowsIpvsadmThresholds(long value, string expected)
    {
        Assert.Equal(expected.TrimStart().PadLeft(9), ListFormatter.LargeNumber(value));
    }
}
