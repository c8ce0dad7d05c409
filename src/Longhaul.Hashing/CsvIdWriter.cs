using System.Buffers.Text;

namespace Longhaul.Hashing;

/// <summary>
/// <c>--emit csv</c>: one "name,id" row per non-blank input line, written as UTF-8 bytes straight from the
/// audit's first pass (no strings). Names with a comma, quote or line break are quoted as RFC 4180 says.
/// Repeated input lines give repeated rows; the id is the unsigned decimal a database column would hold.
/// </summary>
public sealed class CsvIdWriter : INameObserver, IDisposable
{
    private readonly BufferedStream _output;

    public CsvIdWriter(Stream output, bool header = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = new BufferedStream(output, 1 << 16);
        if (header)
        {
            _output.Write("name,id\n"u8);
        }
    }

    public void OnName(ReadOnlySpan<byte> name, ulong id)
    {
        if (name.IndexOfAny(",\"\r\n"u8) < 0)
        {
            _output.Write(name);
        }
        else
        {
            _output.WriteByte((byte)'"');
            foreach (byte b in name)
            {
                if (b == (byte)'"')
                {
                    _output.WriteByte((byte)'"');
                }

                _output.WriteByte(b);
            }

            _output.WriteByte((byte)'"');
        }

        Span<byte> digits = stackalloc byte[22];
        digits[0] = (byte)',';
        Utf8Formatter.TryFormat(id, digits[1..], out int written);
        digits[1 + written] = (byte)'\n';
        _output.Write(digits[..(written + 2)]);
    }

    public void Flush() => _output.Flush();

    public void Dispose() => _output.Dispose();
}
