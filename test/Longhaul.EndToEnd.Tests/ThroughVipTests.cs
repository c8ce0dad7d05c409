using Longhaul.Lab;
using Longhaul.Lab.Http;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;
using Longhaul.Packets;

namespace Longhaul.EndToEnd.Tests;

/// <summary>Real HTTP from lh-client through the VIP, the director and the agents to the reals, and back directly.</summary>
[Collection(LabCollection.Name)]
public sealed class ThroughVipTests(LabFixture fixture)
{
    private readonly LonghaulLab _lab = fixture.Lab;

    [RootTheory]
    [InlineData(TunnelKind.Ipip, false)]
    [InlineData(TunnelKind.Ipip, true)]
    [InlineData(TunnelKind.Gue, false)]
    [InlineData(TunnelKind.Gue, true)]
    public void Get_ManyConnections_AnsweredBySchedulersPickInSeveralDcs(TunnelKind encapsulation, bool ipv6)
    {
        _lab.UseEncapsulation(encapsulation);

        List<LabDemoOutcome> outcomes = LabTraffic.Requests(_lab, ipv6, 48);

        if (!outcomes.All(o => o.Result.Ok))
        {
            string sockets = LabTraffic.Sockets(outcomes.Where(o => !o.Result.Ok));
            _lab.WaitForFreshStats();
            Assert.Fail(LabTraffic.Describe(outcomes.Where(o => !o.Result.Ok)) + "\n" + _lab.DescribeCounters() + sockets);
        }

        Assert.All(outcomes, o => Assert.Equal($"{o.Answered!.Name} {o.Answered.DataCenter}\n", o.Result.Body));
        Assert.All(outcomes, o => Assert.NotNull(o.Predicted));
        Assert.True(outcomes.All(o => o.AsPredicted), LabTraffic.Describe(outcomes.Where(o => !o.AsPredicted)));
        Assert.True(outcomes.Select(o => o.Answered!.DataCenter).Distinct().Count() >= 2, "answers came from a single DC");
    }

    [RootFact]
    public void Get_OneMegabyteResponses_DirectorCarriesOnlyTheClientsPackets()
    {
        _lab.UseEncapsulation(TunnelKind.Ipip);
        _lab.WaitForFreshStats();
        DirectorStats before = _lab.ReadDirectorStats() ?? throw new InvalidOperationException("no director stats");
        LinkCounters clientBefore = LinkCounters.Read(LabTopology.ClientNamespace, LabTopology.LeafLink);

        var results = new List<LabHttpResult>();
        for (int i = 0; i < 5; i++)
        {
            results.Add(_lab.Client.Get(LabTopology.VipV4, "/bytes/1000000", TimeSpan.FromSeconds(10)));
        }

        _lab.WaitForFreshStats();
        DirectorStats after = _lab.ReadDirectorStats()!;
        LinkCounters client = LinkCounters.Read(LabTopology.ClientNamespace, LabTopology.LeafLink).Minus(clientBefore);
        Assert.All(results, r => Assert.True(r.Ok && r.BodyLength == 1_000_000, r.Error));
        long received = results.Sum(r => r.BytesReceived);
        long forwardedBytes = after.ForwardedBytes - before.ForwardedBytes;
        long directorPackets = after.Packets - before.Packets;

        // Every packet the director saw was one the client sent (nothing else talks to the VIP)...
        Assert.InRange(directorPackets, 1, client.SentPackets);
        Assert.InRange(after.Forwarded - before.Forwarded, 1, client.SentPackets);

        // ...and the 5 MB of answers reached the client without crossing it.
        Assert.True(client.ReceivedBytes >= 5_000_000, $"client received {client.ReceivedBytes} bytes");
        Assert.True(forwardedBytes * 20 < received, $"director forwarded {forwardedBytes} bytes for {received} bytes of answers");
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Post_TenMegabyteUpload_Completes(bool ipv6)
    {
        _lab.UseEncapsulation(TunnelKind.Ipip);
        const int Size = 10 * 1024 * 1024;

        LabHttpResult result = _lab.Client.Post(ipv6 ? LabTopology.VipV6 : LabTopology.VipV4, "/upload", Size, TimeSpan.FromSeconds(30));

        Assert.True(result.Ok, result.Error);
        Assert.Equal($"received {Size}\n", result.Body);
    }
}
