using Longhaul.Lab;
using Longhaul.Lab.Probes;
using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;
using Longhaul.Packets;

namespace Longhaul.EndToEnd.Tests;

/// <summary>MTU handling at the director and source checks at the agents.</summary>
[Collection(LabCollection.Name)]
public sealed class TunnelEdgeTests(LabFixture fixture)
{
    private readonly LonghaulLab _lab = fixture.Lab;

    [RootTheory]
    [InlineData(TunnelKind.Ipip, false)]
    [InlineData(TunnelKind.Ipip, true)]
    [InlineData(TunnelKind.Gue, false)]
    public void FullSizePacketWithDf_ToVip_ClientGetsTooBigWithTunnelMtu(TunnelKind encapsulation, bool ipv6)
    {
        _lab.UseEncapsulation(encapsulation);
        int expected = _lab.Options.TunnelMtu - TunnelOverhead.For(encapsulation, GueVariant.V0, outerIsV6: ipv6, innerIsV6: ipv6);

        int? mtu = TooBigProbe.Run(ipv6, TimeSpan.FromSeconds(3));

        Assert.Equal(expected, mtu);
    }

    [RootTheory]
    [InlineData(TunnelKind.Ipip)]
    [InlineData(TunnelKind.Gue)]
    public void TunnelledPacket_FromNonDirectorSource_DroppedAndCountedByAgent(TunnelKind kind)
    {
        LabReal real = _lab.Topology.Reals[0];
        _lab.WaitForFreshStats();
        AgentStats before = _lab.ReadAgentStats(real) ?? throw new InvalidOperationException("no agent stats");

        ForeignTunnelProbe.Send(real, kind, _lab.Options.GuePort, count: 3);
        _lab.WaitForFreshStats();

        AgentStats after = _lab.ReadAgentStats(real)!;
        Assert.Equal(3, after.Dropped(AgentStats.NotAllowedSource) - before.Dropped(AgentStats.NotAllowedSource));
        Assert.Equal(before.Decapsulated, after.Decapsulated);
    }
}
