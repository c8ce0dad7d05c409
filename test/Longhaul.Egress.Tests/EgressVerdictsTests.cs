using Longhaul.Packets;

namespace Longhaul.Egress.Tests;

public sealed class EgressVerdictsTests
{
    private static readonly EgressTarget s_target = new(TestPackets.Real, TestPackets.Vip, "us-east");
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public void Decide_BothReplies_AllowedWithVipRoundTrip()
    {
        var seen = new ProbeObservation
        {
            ProbesSent = 1,
            VipReplyAfter = TimeSpan.FromMilliseconds(1.5),
            VipReplySource = TestPackets.Vip,
            ControlReplyAfter = TimeSpan.FromMilliseconds(1.2),
            ControlReplySource = TestPackets.Real,
        };

        EgressResult result = EgressVerdicts.Decide(s_target, seen, s_timeout);

        Assert.Equal(EgressVerdict.Allowed, result.Verdict);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), result.RoundTrip);
        Assert.Equal("reply from VIP 203.0.113.10 after 1.5 ms; control reply from 100.64.1.2 after 1.2 ms", result.Evidence);
    }

    [Fact]
    public void Decide_ControlOnly_BlockedWithEvidence()
    {
        var seen = new ProbeObservation { ProbesSent = 3, ControlReplyAfter = TimeSpan.FromMilliseconds(1.2), ControlReplySource = TestPackets.Real };

        EgressResult result = EgressVerdicts.Decide(s_target, seen, s_timeout);

        Assert.Equal(EgressVerdict.Blocked, result.Verdict);
        Assert.Null(result.RoundTrip);
        Assert.Equal("control reply from 100.64.1.2 after 1.2 ms; no reply from VIP 203.0.113.10 within 2 s", result.Evidence);
    }

    [Fact]
    public void Decide_Nothing_NoAnswerNotBlocked()
    {
        EgressResult result = EgressVerdicts.Decide(s_target, new ProbeObservation { ProbesSent = 3 }, s_timeout);

        Assert.Equal(EgressVerdict.NoAnswer, result.Verdict);
        Assert.Equal("agent not answering", EgressVerdicts.Name(result.Verdict));
        Assert.Contains("says nothing about the provider", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_VipReplyFromOtherAddress_Rewritten()
    {
        var seen = new ProbeObservation { ProbesSent = 1, VipReplyAfter = TimeSpan.FromMilliseconds(3), VipReplySource = NetAddress.Parse("100.64.1.254") };

        EgressResult result = EgressVerdicts.Decide(s_target, seen, s_timeout);

        Assert.Equal(EgressVerdict.Rewritten, result.Verdict);
        Assert.Contains("arrived from 100.64.1.254", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SkipReason_Skipped()
    {
        EgressResult result = EgressVerdicts.Decide(s_target, new ProbeObservation { SkipReason = "no IPv6 tunnel source" }, s_timeout);

        Assert.Equal(EgressVerdict.Skipped, result.Verdict);
        Assert.Equal("not probed: no IPv6 tunnel source", result.Evidence);
    }

    [Theory]
    [InlineData(new[] { EgressVerdict.Allowed, EgressVerdict.Allowed }, 0)]
    [InlineData(new[] { EgressVerdict.Allowed, EgressVerdict.NoAnswer }, 3)]
    [InlineData(new[] { EgressVerdict.NoAnswer, EgressVerdict.Blocked }, 1)]
    [InlineData(new[] { EgressVerdict.Rewritten }, 1)]
    [InlineData(new[] { EgressVerdict.Skipped }, 0)]
    public void ExitCode_Verdicts_BlockedIsOneUnknownIsThree(EgressVerdict[] verdicts, int expected)
    {
        var results = verdicts.Select(v => new EgressResult(s_target, v, null, "", new ProbeObservation())).ToList();

        Assert.Equal(expected, EgressVerdicts.ExitCode(results));
    }

    [Fact]
    public void DataCenterSummary_MixedResults_GroupsPerDcInOrder()
    {
        EgressResult Result(string dc, EgressVerdict verdict) => new(s_target with { DataCenter = dc }, verdict, null, "", new ProbeObservation());
        EgressResult[] results =
        [
            Result("dc1", EgressVerdict.Allowed),
            Result("dc2", EgressVerdict.Blocked),
            Result("dc1", EgressVerdict.NoAnswer),
            Result("dc2", EgressVerdict.Blocked),
            Result("dc3", EgressVerdict.NoAnswer),
        ];

        IReadOnlyList<DataCenterSummary> summaries = DataCenterSummary.From(results);

        Assert.Equal(["dc1", "dc2", "dc3"], summaries.Select(s => s.DataCenter));
        Assert.Equal("allowed where an agent answered", summaries[0].Verdict);
        Assert.Equal(new DataCenterSummary("dc2", 0, 2, 0, 0, 0), summaries[1]);
        Assert.Equal("blocked", summaries[1].Verdict);
        Assert.Equal("unknown: no agent answered", summaries[2].Verdict);
    }
}
