using System.Text.Json;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Director.Stats;
using Longhaul.Director.Workers;
using static Longhaul.Director.Tests.TestConfigs;
using static Longhaul.Director.Tests.WorkerLoopTests;

namespace Longhaul.Director.Tests;

public sealed class StatsTests
{
    private static readonly DateTimeOffset s_time = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Collect_TwoWorkers_SumsTotalsServicesAndReals()
    {
        ForwardingSnapshot snapshot = Snapshot();
        var connections = new ConnectionCounts(ForwardingSnapshot.MaxReals);
        var holder = new SnapshotHolder(snapshot);
        var first = new WorkerLoop<InMemoryPacketIo>(NewWorker(connections), holder, new InMemoryPacketIo(Tcp(1, SyntheticPackets.Syn), Tcp(2, SyntheticPackets.Syn)) { Queued = 2 });
        var second = new WorkerLoop<InMemoryPacketIo>(NewWorker(connections), holder, new InMemoryPacketIo(Tcp(3, SyntheticPackets.Syn), Tcp(9, SyntheticPackets.Ack, 1460)) { Queued = 2 });
        first.RunBatch(0);
        second.RunBatch(0);

        DirectorStats stats = StatsCollector.Collect("dirtest", s_time, snapshot, [first.Worker, second.Worker], [first.Counters, second.Counters], connections);

        Assert.Equal(4, stats.Packets);
        Assert.Equal(3, stats.Forwarded);
        Assert.Equal(1, stats.Replies);
        Assert.Equal(3 * 40, stats.ForwardedBytes);
        Assert.Equal(4, stats.FlowInserts);
        Assert.Equal(0, stats.Drops["NotAVip"]);
        Assert.Equal(3, stats.Io.Sent);
        Assert.Equal(2, stats.Io.Workers);
        ServiceStats web = stats.Services[0];
        Assert.Equal("TCP 203.0.113.10:80", web.Key);
        Assert.Equal(4, web.Connections);
        Assert.Equal(3, stats.Reals.Count);
        Assert.Equal(["100.64.1.2", "100.64.2.2", "100.64.1.2"], stats.Reals.Select(r => r.Address));
        Assert.Equal(["dc1", "dc2", "dc1"], stats.Reals.Select(r => r.DataCenter));
        Assert.Equal(3, stats.Reals.Take(2).Sum(r => r.Packets));
        Assert.Equal(4, stats.Reals.Take(2).Sum(r => r.Active + r.Inactive));
    }

    [Fact]
    public void Serialize_UsesTheContractsPropertyNames()
    {
        ForwardingSnapshot snapshot = Snapshot();
        var connections = new ConnectionCounts(ForwardingSnapshot.MaxReals);
        DirectorStats stats = StatsCollector.Collect("dir1", s_time, snapshot, [NewWorker(connections)], [new IoCounters()], connections);

        using JsonDocument json = JsonDocument.Parse(StatsFile.Serialize(stats));
        JsonElement root = json.RootElement;

        foreach (string name in new[] { "name", "time", "packets", "bytes", "forwarded", "forwardedBytes", "replies", "drops", "flowHits", "flowMisses", "flowInserts", "statelessForwards", "services", "reals" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing '{name}'");
        }

        Assert.Equal("dir1", root.GetProperty("name").GetString());
        Assert.Equal(s_time, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(0, root.GetProperty("drops").GetProperty("NotAVip").GetInt64());
        Assert.Equal("TCP 203.0.113.10:80", root.GetProperty("services")[0].GetProperty("key").GetString());
        JsonElement real = root.GetProperty("reals")[0];
        foreach (string name in new[] { "address", "dc", "packets", "bytes", "connections", "active", "inactive" })
        {
            Assert.True(real.TryGetProperty(name, out _), $"real is missing '{name}'");
        }

        Assert.Equal("dc1", real.GetProperty("dc").GetString());
    }

    [Fact]
    public void Write_ReplacesTheFileWholeAndLeavesNoTemporary()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"lh-stats-{Guid.NewGuid():N}", "sub");
        string path = Path.Combine(directory, "dir1.stats.json");
        ForwardingSnapshot snapshot = Snapshot();
        var connections = new ConnectionCounts(ForwardingSnapshot.MaxReals);
        try
        {
            StatsFile.Write(path, StatsCollector.Collect("old", s_time, snapshot, [], [], connections));
            StatsFile.Write(path, StatsCollector.Collect("new", s_time, snapshot, [], [], connections));

            DirectorStats? read = StatsFile.Deserialize(File.ReadAllBytes(path));
            Assert.Equal("new", read!.Name);
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }
}
