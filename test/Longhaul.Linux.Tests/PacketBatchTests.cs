using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

public sealed class PacketBatchTests
{
    [Fact]
    public void TryAdd_UntilFull_StoresPacketsAndPeers()
    {
        using var batch = new PacketBatch(capacity: 2, bufferSize: 100);
        NetAddress a = NetAddress.Parse("192.0.2.1");
        NetAddress b = NetAddress.Parse("2001:db8::2");

        Assert.True(batch.TryAdd([1, 2, 3], a, 7));
        Assert.True(batch.TryAdd([4, 5], b));
        Assert.False(batch.TryAdd([6], a));

        Assert.True(batch.IsFull);
        Assert.Equal(2, batch.Count);
        Assert.Equal([1, 2, 3], batch.GetPacket(0).ToArray());
        Assert.Equal([4, 5], batch.GetPacket(1).ToArray());
        Assert.Equal(a, batch.GetAddress(0));
        Assert.Equal(7, batch.GetPort(0));
        Assert.Equal(b, batch.GetAddress(1));
    }

    [Fact]
    public void TryAdd_TooLong_ReturnsFalse()
    {
        using var batch = new PacketBatch(capacity: 4, bufferSize: 8);

        Assert.False(batch.TryAdd(new byte[9], NetAddress.Parse("192.0.2.1")));
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void CommitAfterBuildingInPlace_SetsLength()
    {
        using var batch = new PacketBatch(capacity: 4, bufferSize: 64);
        Span<byte> buffer = batch.GetBuffer(batch.Count);
        buffer[0] = 0x45;
        buffer[1] = 0x10;

        batch.Commit(2, NetAddress.Parse("192.0.2.9"));

        Assert.Equal(1, batch.Count);
        Assert.Equal([0x45, 0x10], batch.GetPacket(0).ToArray());
        Assert.Equal(64, batch.GetBuffer(1).Length);
    }

    [Fact]
    public void GetPacket_BeyondCount_Throws()
    {
        using var batch = new PacketBatch(capacity: 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetPacket(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Set(0, 5000, default));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1025, 100)]
    [InlineData(8, 0)]
    public void Constructor_OutOfRange_Throws(int capacity, int bufferSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketBatch(capacity, bufferSize));
    }

    [Fact]
    public void Slots_DoNotOverlap()
    {
        using var batch = new PacketBatch(capacity: 3, bufferSize: 10);
        for (int i = 0; i < 3; i++)
        {
            batch.GetBuffer(i).Fill((byte)(i + 1));
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.All(batch.GetBuffer(i).ToArray(), b => Assert.Equal(i + 1, b));
        }
    }

    [Fact]
    public void Use_AfterDispose_Throws()
    {
        var batch = new PacketBatch(capacity: 1);
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.GetBuffer(0));
    }
}
