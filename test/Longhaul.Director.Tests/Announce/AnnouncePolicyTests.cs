using CsCheck;
using Longhaul.Balancing.Model;
using Longhaul.Director.Announce;
using Longhaul.Health;
using Longhaul.Packets;

namespace Longhaul.Director.Tests.Announce;

public sealed class AnnouncePolicyTests
{
    private static readonly NetAddress s_vipA = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_vipB = NetAddress.Parse("2001:db8:f::10");
    private static readonly ServiceKey s_http = new(IpProtocol.Tcp, s_vipA, 80);
    private static readonly ServiceKey s_https = new(IpProtocol.Tcp, s_vipA, 443);
    private static readonly ServiceKey s_dns = new(IpProtocol.Udp, s_vipB, 53);
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(2);

    [Fact]
    public void DataPathProblem_EveryWorkerTurnedRecently_IsNull()
    {
        Assert.Null(AnnouncePolicy.DataPathProblem([10_000, 11_900], 12_000, s_stall, tunnelChecks: null));
        Assert.Null(AnnouncePolicy.DataPathProblem([10_000], 12_000, s_stall, tunnelChecks: true));
    }

    [Fact]
    public void DataPathProblem_OneWorkerSilentBeyondStallAfter_NamesThatWorker()
    {
        string? problem = AnnouncePolicy.DataPathProblem([11_900, 9_500], 12_000, s_stall, tunnelChecks: true);

        Assert.Equal("data path not working: worker 1 has not turned its loop for 2.5 s (stall-after 2 s)", problem);
    }

    [Fact]
    public void DataPathProblem_WorkerNeverTurned_IsAProblem()
    {
        Assert.Equal("data path not working: worker 0 has not started its loop", AnnouncePolicy.DataPathProblem([0], 12_000, s_stall, null));
    }

    [Fact]
    public void DataPathProblem_EveryTunnelCheckFails_IsAProblemEvenWithLiveWorkers()
    {
        Assert.Equal("data path not working: every tunnel health check fails", AnnouncePolicy.DataPathProblem([11_999], 12_000, s_stall, tunnelChecks: false));
    }

    [Fact]
    public void Decide_NoHealthChecks_AnnouncesEveryVipOnce()
    {
        IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide(null, [s_http, s_https, s_dns], HealthView.Empty);

        Assert.Equal([s_vipA, s_vipB], decisions.Select(d => d.Vip));
        Assert.All(decisions, d => Assert.True(d.Announce));
        Assert.Equal("data path works, at quorum: tcp/203.0.113.10:80, tcp/203.0.113.10:443", decisions[0].Reason);
        Assert.Equal("2001:db8:f::10/128", decisions[1].Prefix);
        Assert.Equal("203.0.113.10/32", decisions[0].Prefix);
    }

    [Fact]
    public void Decide_OneOfTwoServicesOnAVipBelowQuorum_KeepsTheVipAnnounced()
    {
        IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide(null, [s_http, s_https], key => key == s_https);

        VipDecision vip = Assert.Single(decisions);
        Assert.True(vip.Announce);
        Assert.Equal("data path works, at quorum: tcp/203.0.113.10:80 (below quorum: tcp/203.0.113.10:443)", vip.Reason);
    }

    [Fact]
    public void Decide_EveryServiceOnAVipBelowQuorum_WithdrawsOnlyThatVip()
    {
        IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide(null, [s_http, s_https, s_dns], key => key.Vip == s_vipA);

        Assert.False(decisions.Single(d => d.Vip == s_vipA).Announce);
        Assert.Equal("every service on the VIP is below quorum (tcp/203.0.113.10:80, tcp/203.0.113.10:443)", decisions[0].Reason);
        Assert.True(decisions.Single(d => d.Vip == s_vipB).Announce);
    }

    [Fact]
    public void Decide_DataPathBroken_WithdrawsEveryVipWithThatReason()
    {
        IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide("data path not working: x", [s_http, s_dns], _ => false);

        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(new VipDecision(d.Vip, false, "data path not working: x"), d));
    }

    [Fact]
    public void Decide_RandomServicesAndQuorum_MatchesTheRuleWrittenOut()
    {
        NetAddress[] vips = [s_vipA, s_vipB, NetAddress.Parse("203.0.113.11")];
        Gen<(int Vip, ushort Port, bool Below)> service = Gen.Select(Gen.Int[0, vips.Length - 1], Gen.UShort[1, 6], Gen.Bool);
        Gen.Select(service.List[0, 12], Gen.Bool).Sample(
            sample =>
            {
                (List<(int Vip, ushort Port, bool Below)> list, bool broken) = sample;
                var keys = list.Select(s => new ServiceKey(IpProtocol.Tcp, vips[s.Vip], s.Port)).Distinct().ToList();
                var below = list.Where(s => s.Below).Select(s => new ServiceKey(IpProtocol.Tcp, vips[s.Vip], s.Port)).ToHashSet();

                IReadOnlyList<VipDecision> decisions = AnnouncePolicy.Decide(broken ? "broken" : null, keys, below.Contains);

                Assert.Equal(keys.Select(k => k.Vip).Distinct(), decisions.Select(d => d.Vip));
                foreach (VipDecision decision in decisions)
                {
                    bool expected = !broken && keys.Any(k => k.Vip == decision.Vip && !below.Contains(k));
                    Assert.Equal(expected, decision.Announce);
                }
            },
            seed: "0N0XIzNsQ0O2",
            iter: 2000);
    }
}
