using System.Text.Json;
using static Longhaul.RealServer.Tests.DecapsulationFilterTests;

namespace Longhaul.RealServer.Tests;

public sealed class AgentStatsTests
{
    [Fact]
    public void Aggregate_TwoReceivers_SumsAndGroupsMalformed()
    {
        var sink = new RecordingSink();
        using DecapsulationReceiver a = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
        using DecapsulationReceiver b = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
        byte[] good = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));
        a.Handle(good, Director, false);
        b.Handle(good, Director, false);
        b.Handle(good, Stranger, false);
        b.Handle(good.AsSpan(0, 25), Director, false);
        byte[] badChecksum = (byte[])good.Clone();
        badChecksum[10] ^= 1;
        a.Handle(badChecksum, Director, false);

        AgentStats stats = AgentStats.Aggregate([a.Counters, b.Counters], DateTimeOffset.UnixEpoch);

        Assert.Equal(5, stats.Received);
        Assert.Equal(2, stats.Decapsulated);
        Assert.Equal(1, stats.Drops["not-allowed-source"]);
        Assert.Equal(2, stats.Drops["malformed"]);
        Assert.Equal(1, stats.Malformed["truncated"]);
        Assert.Equal(1, stats.Malformed["bad-outer-checksum"]);
        Assert.Equal(stats.Received - stats.Decapsulated, stats.Drops.Values.Sum());
    }

    [Fact]
    public void StatsFile_Write_IsContractJsonAndLeavesNoTemporary()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"lhtest-rs-stats-{Guid.NewGuid():N}");
        try
        {
            var sink = new RecordingSink();
            using DecapsulationReceiver receiver = DecapsulationReceiver.ForTest(IngressKind.Ipv4Packet, Filter(), sink);
            byte[] good = TunnelPackets.Encapsulate(ClientUdp(Vip), Ipip(Director, Real));
            receiver.Handle(good, Director, false);
            receiver.Handle(good, Stranger, false);
            string path = Path.Combine(directory, "agent.stats.json");

            StatsFile.Write(path, AgentStats.Aggregate([receiver.Counters], DateTimeOffset.UnixEpoch));
            StatsFile.Write(path, AgentStats.Aggregate([receiver.Counters], DateTimeOffset.UnixEpoch)); // overwrite

            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = json.RootElement;
            Assert.Equal(2, root.GetProperty("received").GetInt64());
            Assert.Equal(1, root.GetProperty("decapsulated").GetInt64());
            Assert.Equal(good.Length - 20, root.GetProperty("bytes").GetInt64());
            Assert.Equal(1, root.GetProperty("drops").GetProperty("not-allowed-source").GetInt64());
            Assert.Equal(0, root.GetProperty("drops").GetProperty("malformed").GetInt64());
            Assert.Equal(["agent.stats.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
            Assert.Equal(2, StatsFile.Read(path)!.Received);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
