using CsCheck;
using System.Text;

namespace Longhaul.Hashing.Tests;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData("Example.COM", "example.com")]
    [InlineData("  example.com.\t", "example.com")]
    [InlineData("example.com..", "example.com.")]
    [InlineData("example.com .", "example.com")]
    [InlineData(".", "")]
    [InlineData("   ", "")]
    [InlineData("BÜCHER.de", "bÜcher.de")]
    public void Normalize_Domain_TrimsLowersDropsOneTrailingDot(string line, string expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);

        ReadOnlySpan<byte> normalized = NameNormalizer.Normalize(NameNormalization.Domain, bytes, new byte[bytes.Length]);

        Assert.Equal(expected, Encoding.UTF8.GetString(normalized));
    }

    [Fact]
    public void Normalize_None_ReturnsLineUnchanged()
    {
        byte[] bytes = " Example.COM. "u8.ToArray();

        ReadOnlySpan<byte> normalized = NameNormalizer.Normalize(NameNormalization.None, bytes, []);

        Assert.True(normalized.SequenceEqual(bytes));
    }

    [Fact]
    public void Normalize_DomainTwice_IsIdempotent()
    {
        Gen.String[Gen.Char["aZ. \t-09"], 0, 40].Sample(text =>
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            byte[] once = NameNormalizer.Normalize(NameNormalization.Domain, bytes, new byte[bytes.Length]).ToArray();
            byte[] twice = NameNormalizer.Normalize(NameNormalization.Domain, once, new byte[once.Length]).ToArray();
            Assert.True(once.AsSpan().IndexOfAnyInRange((byte)'A', (byte)'Z') < 0);
            Assert.True(once.Length == 0 || (once[0] is not (byte)' ' and not (byte)'\t' && once[^1] is not (byte)' ' and not (byte)'\t'));
            // Only one trailing dot goes per pass (the root label); anything else is stable.
            if (once.Length == 0 || once[^1] != (byte)'.')
            {
                Assert.Equal(once, twice);
            }
        }, seed: "0N0XIzNsQ0O2");
    }
}
