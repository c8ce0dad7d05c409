namespace Longhaul.RealServer.Tests;

public sealed class MssClampTests
{
    [Theory]
    [InlineData(false, false, 1440, 1420)] // IPIP over IPv4: 1500 - 20 - 40 / - 60
    [InlineData(true, false, 1428, 1408)]  // GUE v0 over IPv4: 32 bytes overhead
    [InlineData(false, true, 1420, 1400)]  // IPIP over IPv6: 40
    [InlineData(true, true, 1408, 1388)]   // GUE over IPv6: 52
    public void Compute_Auto_SubtractsTunnelAndHeaders(bool gue, bool ipv6Outer, int v4, int v6)
    {
        Assert.Equal((v4, v6), MssClamp.Auto.Compute(1500, gue, ipv6Outer));
    }

    [Fact]
    public void Compute_AutoJumboPath_Scales()
    {
        Assert.Equal((8960 - 20 - 40, 8960 - 20 - 60), MssClamp.Auto.Compute(8960, false, false));
    }

    [Theory]
    [InlineData("auto", MssClampMode.Auto, 0)]
    [InlineData("", MssClampMode.Auto, 0)]
    [InlineData("off", MssClampMode.Off, 0)]
    [InlineData("1400", MssClampMode.Fixed, 1400)]
    public void TryParse_Valid_Parses(string text, MssClampMode mode, int value)
    {
        Assert.True(MssClamp.TryParse(text, out MssClamp clamp));
        Assert.Equal(new MssClamp(mode, value), clamp);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("70000")]
    [InlineData("small")]
    [InlineData("-1")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(MssClamp.TryParse(text, out _));
    }

    [Fact]
    public void Compute_FixedAndOff_AsGiven()
    {
        Assert.Equal((1400, 1380), new MssClamp(MssClampMode.Fixed, 1400).Compute(1500, true, true));
        Assert.Null(MssClamp.Off.Compute(1500, true, true));
    }
}
