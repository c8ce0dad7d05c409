using System.Text.Json;

namespace Longhaul.Egress.Tests;

public sealed class EgressReportTests
{
    private static readonly EgressResult[] s_results =
    [
        EgressVerdicts.Decide(
            new EgressTarget(TestPackets.Real, TestPackets.Vip, "dc1"),
            new ProbeObservation { ProbesSent = 1, VipReplyAfter = TimeSpan.FromMilliseconds(2), VipReplySource = TestPackets.Vip, ControlReplyAfter = TimeSpan.FromMilliseconds(1), ControlReplySource = TestPackets.Real },
            TimeSpan.FromSeconds(2)),
        EgressVerdicts.Decide(
            new EgressTarget(Packets.NetAddress.Parse("100.64.2.2"), TestPackets.Vip, "dc2"),
            new ProbeObservation { ProbesSent = 3, ControlReplyAfter = TimeSpan.FromMilliseconds(1), ControlReplySource = Packets.NetAddress.Parse("100.64.2.2") },
            TimeSpan.FromSeconds(2)),
    ];

    [Fact]
    public void WriteJson_AllowedAndBlocked_ScriptReadableFields()
    {
        using var stream = new MemoryStream();
        EgressReport.WriteJson(stream, s_results, ["a warning"]);

        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("a warning", root.GetProperty("warnings")[0].GetString());
        JsonElement first = root.GetProperty("reals")[0];
        Assert.Equal("allowed", first.GetProperty("verdict").GetString());
        Assert.Equal(2.0, first.GetProperty("rttMs").GetDouble());
        Assert.Equal("203.0.113.10", first.GetProperty("vipReplySource").GetString());
        JsonElement second = root.GetProperty("reals")[1];
        Assert.Equal("blocked", second.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("rttMs").ValueKind);
        Assert.Equal("dc2", root.GetProperty("dcs")[1].GetProperty("dc").GetString());
        Assert.Equal("blocked", root.GetProperty("dcs")[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public void WriteText_Blocked_NamesTheExceptionToAskFor()
    {
        var text = new StringWriter();
        EgressReport.WriteText(text, s_results, []);

        string output = text.ToString();
        Assert.Contains("DC dc1: allowed", output, StringComparison.Ordinal);
        Assert.Contains("DC dc2: blocked", output, StringComparison.Ordinal);
        Assert.Contains("ask the provider of 100.64.2.2 (dc2): permit source 203.0.113.10", output, StringComparison.Ordinal);
    }
}
