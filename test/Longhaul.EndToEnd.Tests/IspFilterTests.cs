using Longhaul.Lab;
using Longhaul.Lab.Topology;
using Longhaul.Packets;

namespace Longhaul.EndToEnd.Tests;

/// <summary>A DC behind a BCP38 ISP: requests reach its reals, their answers (source = VIP) never reach the client.</summary>
[Collection(LabCollection.Name)]
public sealed class IspFilterTests(LabFixture fixture)
{
    private readonly LonghaulLab _lab = fixture.Lab;

    [RootFact]
    public void Get_DcBehindIspFilter_ItsRealsReceiveButClientGetsNoAnswer()
    {
        _lab.UseEncapsulation(TunnelKind.Ipip);
        LabDataCenter filtered = _lab.Topology.DataCenters[1];
        _lab.WaitForFreshStats();
        Dictionary<LabReal, long> before = filtered.Reals.ToDictionary(r => r, r => _lab.ReadAgentStats(r)?.Decapsulated ?? 0);
        _lab.SetIspFilter(filtered.Name, enabled: true);
        try
        {
            List<LabDemoOutcome> outcomes = LabTraffic.Requests(_lab, ipv6: false, 40, timeout: TimeSpan.FromSeconds(1.5));
            _lab.WaitForFreshStats();

            var toFiltered = outcomes.Where(o => o.Predicted?.DataCenter == filtered.Name).ToList();
            var toOthers = outcomes.Except(toFiltered).ToList();
            Assert.NotEmpty(toFiltered);
            Assert.NotEmpty(toOthers);
            Assert.True(toFiltered.All(o => !o.Result.Ok), LabTraffic.Describe(toFiltered.Where(o => o.Result.Ok)));
            Assert.True(toOthers.All(o => o.Result.Ok && o.AsPredicted), LabTraffic.Describe(toOthers.Where(o => !o.Result.Ok || !o.AsPredicted)));

            // The requests did arrive: the filtered DC's agents decapsulated the SYNs (and their retries).
            long decapsulated = filtered.Reals.Sum(r => (_lab.ReadAgentStats(r)?.Decapsulated ?? 0) - before[r]);
            Assert.True(decapsulated >= toFiltered.Count, $"{decapsulated} packets decapsulated in {filtered.Name} for {toFiltered.Count} connections");
            Assert.True(IspFilter.DroppedPackets(filtered) >= toFiltered.Count, "the ISP filter counted no drops");
        }
        finally
        {
            _lab.SetIspFilter(filtered.Name, enabled: false);
        }
    }
}
