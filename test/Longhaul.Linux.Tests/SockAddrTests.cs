using CsCheck;
using Longhaul.Packets;

namespace Longhaul.Linux.Tests;

public sealed class SockAddrTests
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    [Fact]
    public void Write_Ipv4_IsSockaddrInLayout()
    {
        Span<byte> buffer = stackalloc byte[SockAddr.MaxLength];
        buffer.Fill(0xEE);

        int length = SockAddr.Write(AfInet, NetAddress.Parse("192.0.2.10"), 6080, buffer);

        Assert.Equal(16, length);
        byte[] expected = [2, 0, 0x17, 0xC0, 192, 0, 2, 10, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(expected, buffer[..16].ToArray());
    }

    [Fact]
    public void Write_Ipv6_IsSockaddrIn6Layout()
    {
        Span<byte> buffer = stackalloc byte[SockAddr.MaxLength];
        buffer.Fill(0xEE);

        int length = SockAddr.Write(AfInet6, NetAddress.Parse("2001:db8::1"), 19523, buffer);

        Assert.Equal(28, length);
        byte[] expected =
        [
            10, 0, 0x4C, 0x43, 0, 0, 0, 0,
            0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 0,
        ];
        Assert.Equal(expected, buffer.ToArray());
    }

    [Fact]
    public void Write_Ipv4OnInet6Socket_IsV4Mapped()
    {
        Span<byte> buffer = stackalloc byte[SockAddr.MaxLength];

        int length = SockAddr.Write(AfInet6, NetAddress.Parse("198.51.100.7"), 53, buffer);

        Assert.Equal(28, length);
        Assert.Equal(10, buffer[0]);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 198, 51, 100, 7], buffer[8..24].ToArray());
    }

    [Fact]
    public void Write_Ipv6OnInetSocket_ReturnsEafnosupport()
    {
        Span<byte> buffer = stackalloc byte[SockAddr.MaxLength];

        int result = SockAddr.Write(AfInet, NetAddress.Parse("2001:db8::1"), 0, buffer);

        Assert.Equal(Errno.EAFNOSUPPORT, ErrnoExtensions.FromResult(result));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 0, 0, 80, 127, 0, 0 })]                   // AF_INET, too short
    [InlineData(new byte[] { 1, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 })] // AF_UNIX
    public void TryRead_ShortOrForeign_ReturnsFalse(byte[] sockaddr)
    {
        Assert.False(SockAddr.TryRead(sockaddr, out NetAddress address, out ushort port));
        Assert.True(address.IsNone);
        Assert.Equal(0, port);
    }

    [Fact]
    public void WriteThenRead_AnyAddressAndPort_RoundTrips()
    {
        Gen.Select(Gen.ULong, Gen.ULong, Gen.UShort, Gen.Bool).Sample((high, low, port, v4) =>
        {
            NetAddress address = v4 ? NetAddress.FromV4((uint)low) : NetAddress.FromParts(high, low);
            int family = address.IsIPv4 && (low & 1) == 0 ? AfInet : AfInet6;
            Span<byte> buffer = stackalloc byte[SockAddr.MaxLength];

            int length = SockAddr.Write(family, address, port, buffer);

            return length > 0
                && SockAddr.TryRead(buffer[..length], out NetAddress read, out ushort readPort)
                && read == address
                && readPort == port;
        }, seed: "0N0XIzNsQ0O2");
    }
}
