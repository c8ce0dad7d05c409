using System.Text;

namespace Longhaul.Hashing.Tests;

public sealed class LineReaderTests
{
    [Fact]
    public void ReadLines_MixedEndings_SplitsAndDropsCarriageReturns()
    {
        List<string> lines = Read("a\r\nbb\n\nccc");

        Assert.Equal(["a", "bb", "", "ccc"], lines);
    }

    [Fact]
    public void ReadLines_TrailingNewline_AddsNoEmptyLine()
    {
        Assert.Equal(["a", "b"], Read("a\nb\n"));
    }

    [Fact]
    public void ReadLines_LineLongerThanBuffer_ComesOutWhole()
    {
        string longLine = new('x', 300_000);

        List<string> lines = Read($"short\n{longLine}\nend");

        Assert.Equal(["short", longLine, "end"], lines);
    }

    [Fact]
    public void ReadLines_OneByteReads_GiveTheSameLines()
    {
        byte[] bytes = "one\r\ntwo\nthree"u8.ToArray();
        var sink = new ListSink();

        LineReader.ReadLines(new TrickleStream(bytes), sink);

        Assert.Equal(["one", "two", "three"], sink.Lines);
    }

    [Fact]
    public void ReadLines_WithCopy_CopiesEveryByte()
    {
        byte[] bytes = "x\ny\r\nz"u8.ToArray();
        using var copy = new MemoryStream();

        LineReader.ReadLines(new MemoryStream(bytes), new ListSink(), copy);

        Assert.Equal(bytes, copy.ToArray());
    }

    private static List<string> Read(string text)
    {
        var sink = new ListSink();
        LineReader.ReadLines(new MemoryStream(Encoding.UTF8.GetBytes(text)), sink);
        return sink.Lines;
    }
}
